package dev.mcpgateway.audit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void quotesWhatNeedsQuoting() {
        assertEquals("plain", CsvFormat.text("plain"));
        assertEquals("\"a,b\"", CsvFormat.text("a,b"));
        assertEquals("\"say \"\"no\"\"\"", CsvFormat.text("say \"no\""));
        assertEquals("\"two\nlines\"", CsvFormat.text("two\nlines"));
        assertEquals("", CsvFormat.text(null));
    }

    @Test
    void defusesSpreadsheetFormulas() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvFormat.text("=HYPERLINK(\"x\")"));
        assertEquals("\"'@SUM(A1)\"", CsvFormat.text("@SUM(A1)"));
    }

    @Test
    void oneRowHasOneCellPerHeaderColumn() {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        String row = CsvFormat.row(TestEvents.event("d-1"), json);
        assertTrue(row.endsWith("\r\n"));
        assertTrue(row.startsWith("1,d-1,2026-03-01T10:15:30.123456789Z,trace-d-1,g-1,demo,s-1,smartlead,"), row);
        assertTrue(row.contains(",\"[\"\"campaign_id\"\"]\",,[],OK,12,15\r\n"), row);
        assertEquals(25, CsvFormat.HEADER.split(",").length);
    }
}
