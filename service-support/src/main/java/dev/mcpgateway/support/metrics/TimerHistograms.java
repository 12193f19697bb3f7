package dev.mcpgateway.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes one timer as a Prometheus histogram ({@code _bucket} series), so dashboards and alerts compute
 * p50/p95/p99 over every replica with {@code histogram_quantile}; a mean or Micrometer's decaying {@code _max}
 * hides the tail and cannot be combined across pods. Quarkus has no configuration property for Micrometer
 * histograms, and a filter keeps the meter's definition where the meter is built, so each service produces a
 * {@link MeterFilter} bean from here for its own timer. The bucket bounds keep the series per timer bounded.
 */
public final class TimerHistograms {

    private TimerHistograms() {
    }

    /** Histogram buckets between {@code min} and {@code max} for the timer {@code timerName}; other meters untouched. */
    public static MeterFilter histogram(String timerName, Duration min, Duration max) {
        Objects.requireNonNull(timerName, "timerName");
        double minNanos = min.toNanos();
        double maxNanos = max.toNanos();
        if (minNanos <= 0 || maxNanos < minNanos) {
            throw new IllegalArgumentException("histogram bounds for " + timerName + ": " + min + " – " + max);
        }
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !timerName.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue(minNanos)
                        .maximumExpectedValue(maxNanos)
                        .build()
                        .merge(config);
            }
        };
    }
}
