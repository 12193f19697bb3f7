package dev.mcpgateway.proxy.audit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The decision events' way into Kafka: a plain {@link KafkaProducer}, idempotent, {@code acks=all}, with a
 * bounded delivery timeout.
 * <p>
 * Why not the SmallRye Kafka connector (an {@code Emitter}) as before: its sink retries a failed record by
 * itself, on its own schedule, after later records already went out (breaking the order per session key),
 * and it keeps up to {@code max-inflight-messages} records of its own that the proxy can neither see nor
 * spill. Here every record's fate comes back to the publisher through one callback, the publisher decides
 * what is retried and in which order, and nothing waits anywhere but in the proxy's buffer and spill file.
 * <p>
 * Each send is a PRODUCER span, a child of the call's trace; its context goes in the record's
 * {@code traceparent} header, so audit-service continues the call's trace.
 */
public final class KafkaAuditTransport implements AuditTransport {

    private static final TextMapGetter<AuditRecord> FROM_RECORD = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(AuditRecord r) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(AuditRecord r, String key) {
            return r == null ? null : "traceparent".equals(key) ? r.traceparent() : "tracestate".equals(key) ? r.tracestate() : null;
        }
    };

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /**
     * @param base     the Kafka client settings every service shares (bootstrap servers, TLS, SASL: Quarkus'
     *                 {@code default-kafka-broker}, fed by {@code kafka.*} and {@code KAFKA_*})
     * @param extra    {@code proxy.audit.producer.*}
     */
    public KafkaAuditTransport(Map<String, Object> base, Map<String, String> extra, String topic,
                               Duration deliveryTimeout, OpenTelemetry otel) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(extra);
        long delivery = Math.max(2_000, deliveryTimeout.toMillis());
        long request = Math.min(10_000, delivery / 2);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
        // One produce request per partition every 20 ms instead of nearly one per event at a few hundred calls/s
        // (CPU in the proxy's sender thread and the broker); the audit lag target is seconds. proxy.audit.producer.
        // "linger.ms" overrides it.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        // A send blocks only for metadata; bounded so a broker that is away fails the round quickly.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.min(5_000, request)));
        config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "proxy-service-audit");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.tracer = otel.getTracer("dev.mcpgateway.proxy.audit");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    @Override
    public CompletableFuture<Void> send(AuditRecord r) {
        Context parent = r.traceparent() == null ? Context.root() : propagator.extract(Context.root(), r, FROM_RECORD);
        Span span = tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(AttributeKey.stringKey("messaging.system"), "kafka")
                .setAttribute(AttributeKey.stringKey("messaging.destination.name"), topic)
                .setAttribute(AttributeKey.stringKey("messaging.operation.type"), "publish")
                .startSpan();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, r.key(), r.value());
        propagator.inject(parent.with(span), record, (rec, k, v) -> rec.headers().remove(k).add(k, v.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record, (meta, error) -> {
                if (error == null) {
                    span.end();
                    done.complete(null);
                } else {
                    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
                    span.end();
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.end();
            throw e;
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
