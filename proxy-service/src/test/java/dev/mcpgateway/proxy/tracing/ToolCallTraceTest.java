package dev.mcpgateway.proxy.tracing;

import dev.mcpgateway.testsupport.RecordedSpans;
import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@code tools/call} is one trace inside the proxy: the HTTP server span, the gRPC Decide client
 * span, the upstream HTTP client span and the context handed to the Kafka connector (which writes it
 * as the record's {@code traceparent} header) share one trace id, the {@code traceId} of the audited event.
 */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class ToolCallTraceTest {

    private static final String MCP = "/mcp/smartlead";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RecordedSpans spans;

    @Inject
    OpenTelemetry otel;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    dev.mcpgateway.proxy.audit.AuditOutbox auditOutbox;

    private InMemorySink<DecisionEventV1> events;

    @BeforeEach
    void reset() {
        dev.mcpgateway.proxy.testing.AuditDrain.await(auditOutbox); // earlier tests' events are in before the clear
        events = connector.sink("decisions");
        events.clear();
    }

    @Test
    void oneToolCallIsOneTraceFromHttpThroughDecideAndUpstreamToTheDecisionEvent() {
        String session = newSession(MCP);
        spans.clear();

        session(session).body(call(7, "allowed_tool", "{\"campaign_id\":7}")).post(MCP)
                .then().statusCode(200).body("result.content[0].text", equalTo("upstream ran allowed_tool"));

        Message<DecisionEventV1> record = awaitRecord(session);
        String traceId = record.getPayload().traceId();
        assertNotNull(traceId, "the decision event carries the call's trace id");
        assertTrue(TraceId.isValid(traceId), "a real trace id: " + traceId);

        SpanData server = spans.await(otel, "HTTP server span of POST " + MCP,
                s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId), WAIT);
        SpanData decide = spans.await(otel, "gRPC client span PolicyService/Decide",
                s -> s.getKind() == SpanKind.CLIENT && s.getName().endsWith("PolicyService/Decide")
                        && s.getTraceId().equals(traceId), WAIT);
        SpanData upstream = spans.await(otel, "HTTP client span to the upstream",
                s -> s.getKind() == SpanKind.CLIENT && s.getName().startsWith("POST")
                        && s.getTraceId().equals(traceId), WAIT);

        assertEquals(server.getSpanId(), decide.getParentSpanId(), "Decide is a child of the request's server span");
        assertEquals(server.getSpanId(), upstream.getParentSpanId(), "the upstream call is a child of the server span");
        assertTrue(String.valueOf(server.getAttributes().asMap().values()).contains("/mcp"),
                "the server span is the MCP endpoint's: " + server.getAttributes());

        // The Kafka sink makes its producer span and the traceparent header from this context.
        TracingMetadata tracing = record.getMetadata(TracingMetadata.class)
                .orElseThrow(() -> new AssertionError("the decision record carries no TracingMetadata"));
        SpanContext handedOver = Span.fromContext(tracing.getCurrentContext()).getSpanContext();
        assertEquals(traceId, handedOver.getTraceId(), "the record's trace context is the call's");
        assertEquals(server.getSpanId(), handedOver.getSpanId(), "the record's parent is the request's server span");

        // One Decide per call (spans of other tests may still arrive, so only this trace is counted).
        List<SpanData> decides = spans.all().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().endsWith("PolicyService/Decide")).toList();
        assertEquals(1, decides.size(), "Decide spans in the call's trace: " + RecordedSpans.describe(decides));
    }

    @Test
    void anIncomingTraceparentIsContinuedNotReplaced() {
        String session = newSession(MCP);
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";

        session(session).header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                .body(call(8, "allowed_tool", "{}")).post(MCP)
                .then().statusCode(200);

        assertEquals(callerTrace, awaitRecord(session).getPayload().traceId(), "the event joins the caller's trace");
        SpanData server = spans.await(otel, "server span in the caller's trace",
                s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(callerTrace), WAIT);
        assertEquals(callerSpan, server.getParentSpanId(), "the caller's span is the parent");
        spans.await(otel, "Decide in the caller's trace",
                s -> s.getKind() == SpanKind.CLIENT && s.getName().endsWith("PolicyService/Decide")
                        && s.getTraceId().equals(callerTrace), WAIT);
    }

    /** This session's decision event: events of other tests' calls may still be arriving in the sink. */
    private Message<DecisionEventV1> awaitRecord(String session) {
        String key = session.substring(0, session.indexOf('.'));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            java.util.Optional<? extends Message<DecisionEventV1>> mine = events.received().stream()
                    .filter(m -> key.equals(m.getPayload().sessionId())).findFirst();
            if (mine.isPresent()) {
                return mine.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no decision event was emitted for session " + key);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
