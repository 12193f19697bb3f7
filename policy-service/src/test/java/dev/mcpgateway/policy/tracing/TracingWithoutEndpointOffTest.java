package dev.mcpgateway.policy.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracingWithoutEndpointOffTest {

    @Test
    void endpointsResolveAsQuarkusExporterDoes() {
        assertFalse(TracingWithoutEndpointOff.exporting(Optional.empty(), Optional.of(" ")));
        assertFalse(TracingWithoutEndpointOff.exporting(Optional.of(" "), Optional.of("http://collector:4317")));
        assertTrue(TracingWithoutEndpointOff.exporting(Optional.empty(), Optional.of("http://collector:4317")));
        assertTrue(TracingWithoutEndpointOff.exporting(Optional.of("http://collector:4317"), Optional.of(" ")));
        // Nothing set at all: Quarkus exports to its default endpoint.
        assertTrue(TracingWithoutEndpointOff.exporting(Optional.empty(), Optional.empty()));
    }

    private static String sdkDisabled(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withInterceptors(new TracingWithoutEndpointOff()).build();
        return config.getConfigValue(TracingWithoutEndpointOff.SDK_DISABLED).getValue();
    }

    @Test
    void offWithABlankEndpointOnWithOne() {
        assertEquals("true", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ")));
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4317")));
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ",
                "quarkus.otel.sdk.disabled", "false")));
        assertEquals("true", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317",
                "quarkus.otel.sdk.disabled", "true")));
    }
}
