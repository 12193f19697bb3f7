package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecideLatencyHistogramTest {

    @Test
    void theGrpcServerTimerHasBucketsOtherTimersDoNot() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        prometheus.config().meterFilter(DecideLatencyHistogram.filter());
        Timer.builder("grpc.server.processing.duration").tag("service", "mcpgateway.policy.v1.PolicyService")
                .tag("method", "Decide").register(prometheus).record(2, TimeUnit.MILLISECONDS);
        Timer.builder("some.other.timer").register(prometheus).record(2, TimeUnit.MILLISECONDS);

        String scrape = prometheus.scrape();
        assertTrue(scrape.matches("(?s).*grpc_server_processing_duration_seconds_bucket\\{[^}]*method=\"Decide\"[^}]*le=\"0\\.002[0-9]*\".*"),
                "Decide buckets around 2 ms in\n" + scrape);
        assertTrue(scrape.contains("grpc_server_processing_duration_seconds_bucket{method=\"Decide\",service=\"mcpgateway.policy.v1.PolicyService\",le=\"+Inf\",} 1.0"),
                scrape);
        assertFalse(scrape.contains("some_other_timer_seconds_bucket"), scrape);
    }
}
