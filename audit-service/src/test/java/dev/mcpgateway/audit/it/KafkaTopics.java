package dev.mcpgateway.audit.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the test topics on the real broker before the application starts, so the consumer is assigned
 * partitions at once instead of after a metadata refresh. Two partitions, so ordering across partitions
 * is exercised too.
 */
public class KafkaTopics implements QuarkusTestResourceLifecycleManager {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String TOPIC = "mcp.decisions.it";
    static final String DLQ = "mcp.decisions.it.dlq";

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            for (String topic : List.of(TOPIC, DLQ)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic + " on " + BOOTSTRAP, e);
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("Kafka at " + BOOTSTRAP + " is not reachable; start it with ./gateway infra up", e);
        }
        return Map.of("kafka.bootstrap.servers", BOOTSTRAP);
    }

    @Override
    public void stop() {
    }
}
