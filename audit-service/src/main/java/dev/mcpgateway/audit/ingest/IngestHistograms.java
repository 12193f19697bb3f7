package dev.mcpgateway.audit.ingest;

import dev.mcpgateway.support.metrics.TimerHistograms;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes the batch store timer ({@code audit_ingest_batch_seconds}) as a histogram, so the Audit pipeline
 * dashboard shows its p50/p95/p99 (see {@link TimerHistograms}). A filter rather than a change to the timer's
 * builder keeps the meter's definition in one place ({@link IngestMetrics}). Buckets 1 ms – 60 s.
 */
@Singleton
public class IngestHistograms {

    static final String BATCH_TIMER = "audit.ingest.batch";

    @Produces
    @Singleton
    MeterFilter batchHistogram() {
        return filter();
    }

    public static MeterFilter filter() {
        return TimerHistograms.histogram(BATCH_TIMER, Duration.ofMillis(1), Duration.ofSeconds(60));
    }
}
