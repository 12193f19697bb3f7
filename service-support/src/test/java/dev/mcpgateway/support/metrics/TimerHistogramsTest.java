package dev.mcpgateway.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimerHistogramsTest {

    private final MeterFilter filter = TimerHistograms.histogram("some.timer", Duration.ofNanos(100_000), Duration.ofSeconds(10));

    @Test
    void theNamedTimerGetsAHistogramWithTheBounds() {
        DistributionStatisticConfig configured = filter.configure(id("some.timer", Meter.Type.TIMER), DistributionStatisticConfig.DEFAULT);

        assertTrue(configured.isPercentileHistogram());
        assertEquals(100_000d, configured.getMinimumExpectedValueAsDouble());
        assertEquals(10_000_000_000d, configured.getMaximumExpectedValueAsDouble());
        // the rest comes from the registry's configuration
        assertEquals(DistributionStatisticConfig.DEFAULT.getExpiry(), configured.getExpiry());
    }

    @Test
    void anotherTimerAndANonTimerMeterOfTheSameNameAreUntouched() {
        DistributionStatisticConfig config = DistributionStatisticConfig.DEFAULT;

        assertSame(config, filter.configure(id("some.other.timer", Meter.Type.TIMER), config));
        assertSame(config, filter.configure(id("some.timer", Meter.Type.DISTRIBUTION_SUMMARY), config));
    }

    @Test
    void boundsOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TimerHistograms.histogram("t", Duration.ofSeconds(10), Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> TimerHistograms.histogram("t", Duration.ZERO, Duration.ofMillis(1)));
    }

    private static Meter.Id id(String name, Meter.Type type) {
        return new Meter.Id(name, Tags.empty(), null, null, type);
    }
}
