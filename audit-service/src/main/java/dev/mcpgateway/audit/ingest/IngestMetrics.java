package dev.mcpgateway.audit.ingest;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingest counters on /q/metrics; Kafka consumer lag comes from the Kafka client binder (records-lag-max).
 * {@code audit_decisions_total} counts the decisions read from the topic by server, tool, risk, decision and rule,
 * for "top refused tools" and "decisions by rule" over every proxy replica. Labels stay bounded: a tool the
 * catalog does not know (no risk: any name an agent makes up) is counted as {@value #UNKNOWN_TOOL}.
 */
@ApplicationScoped
public class IngestMetrics {

    private final Counter consumed;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter storeFailures;
    private final Timer batchTimer;
    private final MeterRegistry registry;

    static final String UNKNOWN_TOOL = "_unknown";

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        consumed = Counter.builder("audit.events.consumed").description("Records read from the decisions topic")
                .register(registry);
        stored = Counter.builder("audit.events.stored").description("Events inserted as new rows")
                .register(registry);
        duplicates = Counter.builder("audit.events.duplicates")
                .description("Events whose decision id was already stored (redelivery)").register(registry);
        deadLettered = Counter.builder("audit.events.dead.lettered")
                .description("Malformed records sent to the dead-letter topic").register(registry);
        storeFailures = Counter.builder("audit.events.store.failures")
                .description("Failed attempts to store a batch (each is retried)").register(registry);
        batchTimer = Timer.builder("audit.ingest.batch").description("Time to store and acknowledge one batch")
                .register(registry);
    }

    void decided(DecisionEventV1 event) {
        boolean known = event.toolRisk() != null && !event.toolRisk().isBlank();
        Counter.builder("audit.decisions").description("Decisions read from the decisions topic")
                .tag("server", orNone(event.server()))
                .tag("tool", known ? orNone(event.tool()) : UNKNOWN_TOOL)
                .tag("risk", known ? event.toolRisk() : "unknown")
                .tag("decision", event.decision() == null ? "none" : event.decision().name())
                .tag("rule", orNone(event.rule()))
                .register(registry).increment();
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }

    void consumed(int n) {
        consumed.increment(n);
    }

    void stored(int inserted, int attempted) {
        stored.increment(inserted);
        duplicates.increment(attempted - inserted);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void storeFailed() {
        storeFailures.increment();
    }

    Timer batchTimer() {
        return batchTimer;
    }
}
