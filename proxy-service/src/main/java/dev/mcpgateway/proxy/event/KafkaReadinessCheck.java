package dev.mcpgateway.proxy.event;

import dev.mcpgateway.proxy.ProxyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the Kafka cluster answers: decision events are the audit trail, so a proxy that
 * cannot write them should not take traffic. Asks the cluster for its nodes, asynchronously.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    private final ProxyConfig config;
    private final String bootstrapServers;
    private volatile Admin admin;

    public KafkaReadinessCheck(ProxyConfig config,
                               @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!config.events().kafkaReadinessCheck()) {
            return Uni.createFrom().item(HealthCheckResponse.named("kafka").up().withData("check", "disabled").build());
        }
        Duration timeout = config.events().kafkaReadinessTimeout();
        return Uni.createFrom().completionStage(() -> admin().describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes().toCompletionStage())
                .map(nodes -> HealthCheckResponse.named("kafka").status(!nodes.isEmpty())
                        .withData("bootstrap.servers", bootstrapServers).withData("nodes", nodes.size()).build())
                .onFailure().recoverWithItem(t -> HealthCheckResponse.named("kafka").down()
                        .withData("bootstrap.servers", bootstrapServers)
                        .withData("error", String.valueOf(t.getMessage())).build());
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.events().kafkaReadinessTimeout().toMillis(),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.events().kafkaReadinessTimeout().toMillis(),
                            AdminClientConfig.CLIENT_ID_CONFIG, "proxy-service-readiness"));
                }
                a = admin;
            }
        }
        return a;
    }

    void close(@Observes ShutdownEvent ev) {
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(1));
        }
    }
}
