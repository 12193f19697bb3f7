package dev.mcpgateway.proxy.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while decision events wait in the spill file. The proxy keeps serving (unless fail-closed):
 * readiness here reports the audit trail's health, so a load balancer prefers replicas whose events reach
 * Kafka and operators see it; liveness stays up, since a restart would not bring the broker back (and the
 * spill file survives it anyway).
 */
@Readiness
@ApplicationScoped
public class AuditReadinessCheck implements HealthCheck {

    private final AuditOutbox outbox;
    private final AuditPublisher publisher;

    public AuditReadinessCheck(AuditOutbox outbox, AuditPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        long spilled = outbox.spilledEvents();
        return HealthCheckResponse.named("audit")
                .status(spilled == 0)
                .withData("bufferEvents", outbox.bufferedEvents())
                .withData("spillEvents", spilled)
                .withData("kafkaAcknowledging", publisher.available())
                .build();
    }
}
