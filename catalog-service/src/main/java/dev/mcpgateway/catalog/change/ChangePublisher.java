package dev.mcpgateway.catalog.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.CatalogConfig;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes tool-change events ({@link ToolChangeEventV1}: changed, discovered, overridden, accepted, status) to
 * {@code catalog.changes.topic}; callers go through {@link CatalogWrites}. A plain
 * {@link KafkaProducer} (idempotent, {@code acks=all}) rather than a messaging channel: there is nothing to consume
 * here, and a channel without a connector would stop the service from starting.
 * <p>
 * Best effort and never in the way: a write is answered whether Kafka is up or not. Sends run on one thread of
 * their own (the first send may wait for metadata, up to a few seconds), in the order of the writes: one tool's
 * events reach its partition in order (a pool of workers could swap two quick writes); each outcome is logged and counted
 * ({@code catalog.change.events{outcome=published|failed}}). The tool's {@code changed} status in PostgreSQL stays
 * the source of truth: the event is the notification.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final Logger LOG = Logger.getLogger(ChangePublisher.class);

    private final boolean enabled;
    private final String topic;
    private final ObjectMapper json;
    private final Counter published;
    private final Counter failed;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalog-change-publisher");
        t.setDaemon(true);
        return t;
    });

    public ChangePublisher(CatalogConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                           ObjectMapper json, MeterRegistry metrics) {
        CatalogConfig.Changes c = config.changes();
        this.enabled = c.enabled();
        this.topic = c.topic();
        this.json = json;
        this.published = Counter.builder("catalog.change.events").description("Definition-change events sent to Kafka")
                .tag("outcome", "published").register(metrics);
        this.failed = Counter.builder("catalog.change.events").description("Definition-change events sent to Kafka")
                .tag("outcome", "failed").register(metrics);
        this.producer = enabled ? producer(kafka, c.deliveryTimeout()) : null;
        if (!enabled) {
            LOG.info("definition-change events are not published (catalog.changes.enabled=false)");
        }
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> base, Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>(base);
        long delivery = Math.max(2_000, deliveryTimeout.toMillis());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(10_000, delivery / 2)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "catalog-service-changes");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** Sends the events in order (one tool's events share a key, so a partition), without waiting. */
    public void publish(List<ToolChangeEventV1> events) {
        if (!enabled || events.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, byte[]>> records = events.stream().map(this::record).toList();
        sender.execute(() -> records.forEach(this::send));
    }

    private ProducerRecord<String, byte[]> record(ToolChangeEventV1 e) {
        try {
            return new ProducerRecord<>(topic, e.key(), json.writeValueAsBytes(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a ToolChangeEventV1 did not serialize", ex);
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record, (meta, error) -> {
                if (error == null) {
                    published.increment();
                    LOG.debugf("definition change of %s published to %s", record.key(), topic);
                } else {
                    failed.increment();
                    LOG.warnf("definition change of %s not published to %s: %s", record.key(), topic, error.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("definition change of %s not published to %s: %s", record.key(), topic, e.toString());
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
