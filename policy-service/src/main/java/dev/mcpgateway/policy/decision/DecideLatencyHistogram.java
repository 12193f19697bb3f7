package dev.mcpgateway.policy.decision;

import dev.mcpgateway.support.metrics.TimerHistograms;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes the gRPC server timer ({@code grpc_server_processing_duration_seconds}, per service and method) as a
 * histogram, so the Policy dashboard shows p50/p95/p99 of Decide over every replica (see {@link TimerHistograms}).
 * Buckets between 100 µs and 10 s: a decision is evaluated from memory, its interesting range is sub-millisecond
 * to the deadline.
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
        return TimerHistograms.histogram(GRPC_SERVER_TIMER, Duration.ofNanos(100_000), Duration.ofSeconds(10));
    }
}
