package dev.mcpgateway.proxy.audit;

import dev.mcpgateway.proxy.ProxyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Wires the audit pipeline (outbox, transport, publisher) from {@code proxy.audit.*}, starts the publisher
 * with the application (which also replays a spill file left by the previous run) and at shutdown keeps
 * what could not be delivered in the spill file.
 */
@ApplicationScoped
public class AuditPipeline {

    private static final Logger LOG = Logger.getLogger(AuditPipeline.class);

    @Produces
    @Singleton
    AuditOutbox outbox(ProxyConfig config, MeterRegistry registry) {
        ProxyConfig.Audit audit = config.audit();
        Path dir = Path.of(audit.spill().dir());
        SpillFile spill = new SpillFile(dir, audit.spill().maxBytes(), audit.spill().segmentBytes());
        LOG.debugf("audit spill directory %s", dir.toAbsolutePath());
        return new AuditOutbox(audit.buffer().maxEvents(), spill, registry);
    }

    /** Kafka, unless another {@link AuditTransport} bean is present (tests hand events to an in-memory channel). */
    @Produces
    @Singleton
    @DefaultBean
    AuditTransport kafka(ProxyConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, OpenTelemetry otel) {
        ProxyConfig.Audit audit = config.audit();
        return new KafkaAuditTransport(kafka, audit.producer(), audit.topic(), audit.deliveryTimeout(), otel);
    }

    @Produces
    @Singleton
    AuditPublisher publisher(AuditOutbox outbox, AuditTransport transport, ProxyConfig config) {
        ProxyConfig.Audit audit = config.audit();
        return new AuditPublisher(outbox, transport, audit.batchSize(), audit.retryBackoffMax(), audit.deliveryTimeout(),
                audit.unavailableAfter());
    }

    void start(@Observes StartupEvent ev, AuditPublisher publisher) {
        publisher.start();
    }

    void stop(@Observes ShutdownEvent ev, AuditPublisher publisher, AuditTransport transport, AuditOutbox outbox,
              ProxyConfig config) {
        publisher.stop(config.audit().shutdownTimeout());
        transport.close();
        outbox.close();
    }
}
