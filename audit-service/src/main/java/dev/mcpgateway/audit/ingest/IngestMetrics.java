package dev.mcpgateway.audit.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** Ingest counters on /q/metrics; Kafka consumer lag comes from the Kafka client binder (records-lag-max). */
@ApplicationScoped
public class IngestMetrics {

    private final Counter consumed;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter storeFailures;
    private final Timer batchTimer;

    public IngestMetrics(MeterRegistry registry) {
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
