package dev.mcpgateway.policy.decision;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes the gRPC server timer ({@code grpc_server_processing_duration_seconds}, per service and method) as a
 * histogram ({@code _bucket} series), so the Policy dashboard shows p50/p95/p99 of Decide over every replica with
 * {@code histogram_quantile}. Quarkus has no configuration property for this, hence a filter. Buckets between
 * 100 µs and 10 s: a decision is evaluated from memory, its interesting range is sub-millisecond to the deadline.
 */
@Singleton
public class DecideLatencyHistogram {

    static final String GRPC_SERVER_TIMER = "grpc.server.processing.duration";

    @Produces
    @Singleton
    MeterFilter grpcServerHistogram() {
        return filter();
    }

    public static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !GRPC_SERVER_TIMER.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofNanos(100_000).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
