package dev.mcpgateway.audit.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestHistogramsTest {

    @Test
    void theBatchTimerOfIngestMetricsHasBucketsOtherTimersDoNot() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        prometheus.config().meterFilter(IngestHistograms.filter());
        new IngestMetrics(prometheus).batchTimer().record(40, TimeUnit.MILLISECONDS);
        Timer.builder("some.other.timer").register(prometheus).record(40, TimeUnit.MILLISECONDS);

        String scrape = prometheus.scrape();
        assertTrue(scrape.contains("audit_ingest_batch_seconds_bucket{le=\"+Inf\",} 1.0"), scrape);
        assertTrue(scrape.matches("(?s).*audit_ingest_batch_seconds_bucket\\{le=\"0\\.04[0-9]*\",} 1\\.0.*"),
                "a bucket just above 40 ms in\n" + scrape);
        assertFalse(scrape.contains("some_other_timer_seconds_bucket"), scrape);
    }
}
