package dev.mcpgateway.catalog.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpgateway.catalog.tool.ToolCountGauges.Cell;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gauge bookkeeping: every cell of a seen server exists, zeros included, and a cell gone from the count drops to 0. */
class ToolCountGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ToolCountGauges gauges = new ToolCountGauges(null, registry, null, null);

    @Test
    void reportsEveryRiskAndStatusOfASeenServer() {
        gauges.update(Map.of(new Cell("smartlead", Risk.CRITICAL, ToolStatus.ACTIVE), 7L,
                new Cell("smartlead", Risk.LOW, ToolStatus.ACTIVE), 40L));

        assertEquals(Risk.values().length * ToolStatus.values().length,
                registry.find("catalog.tools").tag("server", "smartlead").gauges().size());
        assertEquals(7.0, value("smartlead", "critical", "active"));
        assertEquals(40.0, value("smartlead", "low", "active"));
        assertEquals(0.0, value("smartlead", "high", "changed"), "a cell with no tools is a 0, not absent");
        assertEquals(0.0, registry.get("catalog.definition.changes").tag("server", "smartlead").counter().count(),
                "the change counter of a seen server exists at 0");
    }

    @Test
    void aCellMissingFromTheNextCountDropsToZero() {
        gauges.update(Map.of(new Cell("smartlead", Risk.HIGH, ToolStatus.CHANGED), 2L,
                new Cell("smartlead", Risk.HIGH, ToolStatus.ACTIVE), 10L));
        gauges.update(Map.of(new Cell("smartlead", Risk.HIGH, ToolStatus.ACTIVE), 12L,
                new Cell("other", Risk.MEDIUM, ToolStatus.ACTIVE), 3L));

        assertEquals(0.0, value("smartlead", "high", "changed"));
        assertEquals(12.0, value("smartlead", "high", "active"));
        assertEquals(3.0, value("other", "medium", "active"));
        assertEquals(2 * Risk.values().length * ToolStatus.values().length, registry.find("catalog.tools").gauges().size());
    }

    private double value(String server, String risk, String status) {
        return registry.get("catalog.tools").tag("server", server).tag("risk", risk).tag("status", status).gauge().value();
    }
}
