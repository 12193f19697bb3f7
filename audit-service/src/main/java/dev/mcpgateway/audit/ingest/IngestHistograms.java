package dev.mcpgateway.audit.ingest;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes the batch store timer ({@code audit_ingest_batch_seconds}) as a histogram ({@code _bucket} series), so
 * the Audit pipeline dashboard shows its p50/p95/p99 with {@code histogram_quantile}. A filter rather than a change
 * to the timer's builder keeps the meter's definition in one place ({@link IngestMetrics}). Buckets 1 ms – 60 s.
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
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !BATCH_TIMER.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
