package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.audit.AuditJson;
import dev.mcpgateway.proxy.audit.AuditRecord;
import dev.mcpgateway.proxy.audit.AuditTransport;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * In tests, decision events go to the {@code decisions} channel (the in-memory connector) instead of
 * Kafka, as the records Kafka would get: key in {@link OutgoingKafkaRecordMetadata}, the call's trace
 * context in {@link TracingMetadata}. Tests read them back from the in-memory sink. AuditDeliveryIT
 * builds without it ({@code test.audit-transport=kafka}) to use the real Kafka transport.
 */
@Singleton
@IfBuildProperty(name = "test.audit-transport", stringValue = "channel", enableIfMissing = true)
public class ChannelAuditTransport implements AuditTransport {

    private static final TextMapGetter<AuditRecord> TRACE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(AuditRecord r) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(AuditRecord r, String key) {
            return r == null ? null : "traceparent".equals(key) ? r.traceparent() : "tracestate".equals(key) ? r.tracestate() : null;
        }
    };

    private final Emitter<DecisionEventV1> emitter;

    public ChannelAuditTransport(@Channel("decisions") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                                 Emitter<DecisionEventV1> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletableFuture<Void> send(AuditRecord r) {
        DecisionEventV1 event;
        try {
            event = AuditJson.MAPPER.readValue(r.value(), DecisionEventV1.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Context trace = W3CTraceContextPropagator.getInstance().extract(Context.root(), r, TRACE);
        CompletableFuture<Void> done = new CompletableFuture<>();
        emitter.send(Message.of(event,
                        () -> {
                            done.complete(null);
                            return CompletableFuture.completedFuture(null);
                        },
                        t -> {
                            done.completeExceptionally(t);
                            return CompletableFuture.completedFuture(null);
                        })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key()).build())
                .addMetadata(TracingMetadata.withCurrent(trace)));
        return done;
    }
}
