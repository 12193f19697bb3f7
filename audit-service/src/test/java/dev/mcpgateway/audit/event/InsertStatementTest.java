package dev.mcpgateway.audit.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertStatementTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void oneIdempotentStatementForTheWholeBatch() {
        InsertStatement s = InsertStatement.of(List.of(TestEvents.event("a"), TestEvents.event("b")), json);
        assertTrue(s.sql().startsWith("INSERT INTO audit_event ("), s.sql());
        assertTrue(s.sql().endsWith(" ON CONFLICT (decision_id) DO NOTHING"), s.sql());
        assertEquals(50, s.params().size());
        assertEquals("a", s.params().get("id0"));
        assertEquals("b", s.params().get("id1"));
        assertTrue(s.sql().contains("cast(cast(:keys1 as text) as jsonb)"), s.sql());
    }

    @Test
    void bindsJsonAsTextAndTruncatesTimeToMicroseconds() {
        var event = TestEvents.withArguments(TestEvents.event("a"), Map.of("campaign_id", 7));
        InsertStatement s = InsertStatement.of(List.of(event), json);
        assertEquals("[\"campaign_id\"]", s.params().get("keys0"));
        assertEquals("{\"campaign_id\":7}", s.params().get("args0"));
        assertEquals("[\"api_key\"]", s.params().get("masked0"));
        assertEquals(0, ((OffsetDateTime) s.params().get("ts0")).getNano() % 1000);
        InsertStatement noArgs = InsertStatement.of(List.of(TestEvents.event("b")), json);
        assertNull(noArgs.params().get("args0"));
    }

    @Test
    void refusesAnEmptyOrOversizedBatch() {
        assertThrows(IllegalArgumentException.class, () -> InsertStatement.of(List.of(), json));
    }
}
