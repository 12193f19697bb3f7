package dev.mcpgateway.audit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void longValuesAreCutMonitorIsMarkedAndGrantFallsBackToId() throws Exception {
        String reason = "x".repeat(200);
        JsonNode e = JSON.readTree("{\"timestamp\":\"2026-03-01T11:58:00.999Z\",\"decision\":\"DENY\",\"enforced\":false,"
                + "\"tool\":\"" + "t".repeat(60) + "\",\"grantId\":\"g-123\",\"reason\":\"" + reason + "\\nmore\"}");
        String line = EventTable.render(List.of(e), false).strip();
        assertTrue(line.startsWith("2026-03-01 11:58:00  DENY (monitor)  " + "t".repeat(39) + "…  g-123  "), line);
        assertTrue(line.endsWith("x…"), line);
        assertEquals(EventTable.MAX_REASON, line.substring(line.indexOf("g-123  ") + 7).length());
    }

    @Test
    void epochSecondTimestampsAreReadToo() throws Exception {
        JsonNode e = JSON.readTree("{\"timestamp\":1772366280.5,\"decision\":\"ALLOW\",\"tool\":\"t\"}");
        assertEquals("2026-03-01 11:58:00", EventTable.time(e));
        assertEquals("-", EventTable.grant(e));
    }
}
