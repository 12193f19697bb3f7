package dev.mcpgateway.proxy.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Every timer of the proxy ({@code mcp.proxy.*}: tool-call, upstream, Decide, added latency) is published
 * as a histogram ({@code _bucket} series), so p50/p95/p99 can be computed across replicas with
 * {@code histogram_quantile}. Buckets between 1 ms and 60 s bound the series per timer. Not service-support's
 * {@code TimerHistograms}: it matches one timer name, and service-support would bring operator auth and REST into
 * the proxy.
 */
@Singleton
public class ProxyMeterFilters {

    static final String PREFIX = "mcp.proxy.";

    @Produces
    @Singleton
    MeterFilter histograms() {
        return histogramFilter();
    }

    public static MeterFilter histogramFilter() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(PREFIX)) {
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
