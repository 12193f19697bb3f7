package dev.mcpgateway.proxy.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit pipeline's counters. {@code mcp_proxy_decision_events_total} keeps the name and the
 * {@code acked}/{@code failed} results the dashboards and the "events lost" alert already use; {@code failed}
 * still means lost (never delivered), which only happens when the spill file is full.
 */
public final class AuditMeters {

    static final String EVENTS = "mcp.proxy.decision.events";

    final Counter acked;
    final Counter failed;
    final Counter spilled;
    final Counter replayed;
    final Counter deliveryFailures;

    public AuditMeters(MeterRegistry registry) {
        acked = Counter.builder(EVENTS).tag("result", "acked")
                .description("Decision events acknowledged by Kafka (produced)").register(registry);
        failed = Counter.builder(EVENTS).tag("result", "failed")
                .description("Decision events lost: memory buffer and spill file full, or the spill file unwritable").register(registry);
        spilled = Counter.builder(EVENTS).tag("result", "spilled")
                .description("Decision events written to the spill file because the memory buffer was full").register(registry);
        replayed = Counter.builder(EVENTS).tag("result", "replayed")
                .description("Decision events delivered from the spill file (also counted as acked)").register(registry);
        deliveryFailures = Counter.builder("mcp.proxy.audit.delivery.failures")
                .description("Sends of decision events Kafka did not acknowledge in time; each is retried, in order").register(registry);
    }
}
