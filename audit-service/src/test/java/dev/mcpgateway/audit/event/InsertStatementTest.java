package dev.mcpgateway.audit.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertStatementTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void oneConstantIdempotentStatementWithTheBatchAsOneJsonArray() throws Exception {
        InsertStatement s = InsertStatement.of(List.of(TestEvents.event("a"), TestEvents.event("b")), json);
        assertTrue(InsertStatement.SQL.startsWith("INSERT INTO audit_event ("), InsertStatement.SQL);
        assertTrue(InsertStatement.SQL.endsWith(" ON CONFLICT (decision_id) DO NOTHING"), InsertStatement.SQL);
        assertEquals(1, InsertStatement.SQL.split(":").length - 1, "exactly one bind parameter (and no :: cast)");
        assertTrue(InsertStatement.SQL.contains("(:" + InsertStatement.PARAMETER + " as text)"), InsertStatement.SQL);
        JsonNode rows = json.readTree(s.json());
        assertEquals(2, rows.size());
        assertEquals("a", rows.get(0).get("decision_id").asText());
        assertEquals("b", rows.get(1).get("decision_id").asText());
    }

    @Test
    void everyColumnOfTheRecordTypeIsInsertedAndFilled() throws Exception {
        String sql = InsertStatement.SQL;
        String inserted = sql.substring(sql.indexOf('(') + 1, sql.indexOf(')'));
        String recordType = sql.substring(sql.indexOf("AS r(") + 5, sql.indexOf(") ON CONFLICT"));
        List<String> columns = List.of(inserted.split(", "));
        assertEquals(25, columns.size());
        for (String column : columns) {
            assertTrue(recordType.contains(column + " "), column + " is typed in " + recordType);
        }
        var event = TestEvents.withArguments(TestEvents.event("a"), Map.of("campaign_id", 7));
        JsonNode row = json.readTree(InsertStatement.of(List.of(event), json).json()).get(0);
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        List<String> sortedKeys = new ArrayList<>(keys);
        List<String> sortedColumns = new ArrayList<>(columns);
        Collections.sort(sortedKeys);
        Collections.sort(sortedColumns);
        assertEquals(sortedColumns, sortedKeys, "one JSON key per inserted column");
    }

    @Test
    void writesJsonColumnsAsJsonAndTruncatesTimeToMicroseconds() throws Exception {
        var event = TestEvents.withArguments(TestEvents.event("a"), Map.of("campaign_id", 7));
        JsonNode row = json.readTree(InsertStatement.of(List.of(event), json).json()).get(0);
        assertEquals("[\"campaign_id\"]", row.get("argument_keys").toString());
        assertEquals("{\"campaign_id\":7}", row.get("arguments").toString());
        assertEquals("[\"api_key\"]", row.get("masked_paths").toString());
        String ts = row.get("occurred_at").asText();
        assertEquals(event.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString(), ts);
        JsonNode noArgs = json.readTree(InsertStatement.of(List.of(TestEvents.event("b")), json).json()).get(0);
        assertTrue(noArgs.get("arguments").isNull(), "no arguments: JSON null, stored as SQL NULL");
        assertFalse(noArgs.get("argument_keys").isNull());
    }

    @Test
    void refusesAnEmptyOrOversizedBatch() {
        assertThrows(IllegalArgumentException.class, () -> InsertStatement.of(List.of(), json));
        List<dev.mcpgateway.contracts.audit.DecisionEventV1> tooMany = Collections.nCopies(InsertStatement.MAX_ROWS + 1,
                TestEvents.event("x"));
        assertThrows(IllegalArgumentException.class, () -> InsertStatement.of(tooMany, json));
    }
}
