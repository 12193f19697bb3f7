package dev.mcpgateway.proxy.event;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Emits one {@link DecisionEventV1} per call to the {@code decisions} channel (Kafka topic
 * {@code mcp.decisions}, key = session id, trace context in the headers). Never blocks and never fails
 * the agent's call: a full buffer or a broker that does not acknowledge is logged and counted.
 */
@ApplicationScoped
public class DecisionEmitter implements CallListener {

    private static final Logger LOG = Logger.getLogger(DecisionEmitter.class);

    private final Emitter<DecisionEventV1> emitter;
    private final Counter emitted;
    private final Counter failed;

    public DecisionEmitter(@Channel("decisions") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                           Emitter<DecisionEventV1> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.emitted = Counter.builder("mcp.proxy.decision.events").tag("result", "acked")
                .description("Decision events acknowledged by Kafka").register(registry);
        this.failed = Counter.builder("mcp.proxy.decision.events").tag("result", "failed")
                .description("Decision events lost (buffer full or not acknowledged)").register(registry);
    }

    @Override
    public void completed(CallExchange ex) {
        DecisionEventV1 event = DecisionEvents.build(ex, System.nanoTime());
        Message<DecisionEventV1> message = Message.of(event,
                        () -> {
                            emitted.increment();
                            return CompletableFuture.completedFuture(null);
                        },
                        t -> {
                            failed.increment();
                            LOG.warnf("decision event %s was not written to Kafka: %s", event.decisionId(), t.getMessage());
                            return CompletableFuture.completedFuture(null);
                        })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.sessionId()).build())
                .addMetadata(TracingMetadata.withCurrent(ex.traceContext()));
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // Buffer full or channel not ready: the call goes on; the loss is visible in the metric and log.
            failed.increment();
            LOG.warnf("decision event %s dropped: %s", event.decisionId(), e.getMessage());
        }
    }
}
