package dev.mcpgateway.policy.tracing;

import dev.mcpgateway.testsupport.RecordedSpans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.eclipse.microprofile.config.ConfigProvider;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's trace continues in policy-service: a Decide whose gRPC metadata carries a W3C
 * {@code traceparent} is served under a server span of that trace, child of the caller's span.
 * The channel here is a plain grpc-java one, so the only trace context on the wire is the one the
 * test writes (Quarkus' own clients would add theirs).
 */
@QuarkusTest
class DecideTraceIT {

    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";
    private static final String DECIDE = "mcpgateway.policy.v1.PolicyService/Decide";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RecordedSpans spans;

    @Inject
    OpenTelemetry otel;

    private ManagedChannel channel;

    @BeforeEach
    void open() {
        // gRPC has its own server and port (quarkus.grpc.server.use-separate-server=true); the test port is random.
        int grpcPort = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void decideWithTraceparentIsServedInTheCallersTrace() {
        Metadata headers = new Metadata();
        headers.put(TRACEPARENT, "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
        PolicyServiceGrpc.PolicyServiceBlockingStub policy = PolicyServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        DecideResponse response = policy.decide(DecideRequest.newBuilder()
                .setGrantId("demo").setSessionId("trace-session").setServer("smartlead")
                .setTool("smartlead_get_campaigns").setTraceId(CALLER_TRACE)
                .setArgumentsJson(ByteString.copyFromUtf8("{}")).build());
        assertFalse(response.getDecisionId().isEmpty(), "Decide answered with a decision");

        // The span that received the call (the HTTP/2 request carrying the gRPC call, or the gRPC call itself)
        // continues the caller's span; the gRPC server span of Decide is in the same trace.
        SpanData entry = spans.await(otel, "server span whose parent is the caller's remote span",
                s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(CALLER_TRACE)
                        && s.getParentSpanContext().isRemote(), WAIT);
        assertEquals(CALLER_SPAN, entry.getParentSpanId(), "the caller's span is the parent");
        spans.await(otel, "gRPC server span " + DECIDE + " in the caller's trace",
                s -> s.getKind() == SpanKind.SERVER && s.getName().equals(DECIDE) && s.getTraceId().equals(CALLER_TRACE), WAIT);
    }

    @Test
    void decideWithoutTraceparentStartsItsOwnTrace() {
        PolicyServiceGrpc.PolicyServiceBlockingStub policy = PolicyServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        spans.clear();
        policy.decide(DecideRequest.newBuilder()
                .setGrantId("demo").setSessionId("untraced-session").setServer("smartlead")
                .setTool("smartlead_get_campaigns").setArgumentsJson(ByteString.copyFromUtf8("{}")).build());

        SpanData decide = spans.await(otel, "gRPC server span " + DECIDE,
                s -> s.getKind() == SpanKind.SERVER && s.getName().equals(DECIDE), WAIT);
        SpanData entry = spans.await(otel, "the call's entry span",
                s -> s.getTraceId().equals(decide.getTraceId()) && !s.getParentSpanContext().isValid(), WAIT);
        assertEquals(SpanKind.SERVER, entry.getKind(), "no caller context: the trace starts at the server");
        assertFalse(decide.getTraceId().equals(CALLER_TRACE), "a new trace, not the other test's");
    }
}
