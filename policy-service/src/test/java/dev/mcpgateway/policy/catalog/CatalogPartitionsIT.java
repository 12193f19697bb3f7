package dev.mcpgateway.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the test broker: a partition added to the change topic while policy-service runs is followed without a
 * restart, from its first event.
 */
class CatalogPartitionsIT {
    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private final String topic = "mcp.catalog.changes.it-partitions-" + UUID.randomUUID();
    private CatalogChangeListener listener;

    @Test
    void aPartitionAddedWhileRunningIsFollowed() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        }
        CatalogChangeListenerTest.CountingClient client = new CatalogChangeListenerTest.CountingClient();
        ToolFactsCache cache = new ToolFactsCache(client, Runnable::run);
        cache.track("smartlead");
        listener = new CatalogChangeListener(Map.of(), BOOTSTRAP, topic, Duration.ofMillis(200), Duration.ofSeconds(1), cache);
        listener.start();
        CatalogChangesIT.await("the listener follows the one partition", listener::assigned);

        try (Admin admin = admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get(15, TimeUnit.SECONDS);
        }
        // The event goes to the new partition only; the listener learns of it by its periodic check.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, 1, "smartlead/t",
                    "{\"eventVersion\":1,\"type\":\"status_changed\",\"server\":\"smartlead\",\"tool\":\"t\"}"))
                    .get(15, TimeUnit.SECONDS);
        }
        CatalogChangesIT.await("the event on the new partition is read", () -> listener.events() >= 1);
        assertTrue(client.fetched.contains("smartlead"), "it refreshed the named server's facts");
    }

    @AfterEach
    void cleanUp() {
        if (listener != null) {
            listener.close();
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // A leftover topic of a test run is harmless.
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        return Admin.create(p);
    }
}
