package dev.mcpgateway.catalog.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.support.problem.ApiProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolFilterParserTest {

    private final ToolFilterParser parser = new ToolFilterParser(200, 500);

    @Test
    void absentParametersMeanEverythingFirstPageDefaultSize() {
        ToolFilter f = parser.parse(null, null, "", "  ", null, null, null);
        assertEquals(Optional.empty(), f.server());
        assertEquals(Optional.empty(), f.category());
        assertEquals(Optional.empty(), f.risk());
        assertEquals(Optional.empty(), f.status());
        assertEquals(Optional.empty(), f.text());
        assertEquals(0, f.page());
        assertEquals(200, f.size());
        assertEquals("1 = 1", f.where().clause());
    }

    @Test
    void parsesEveryFilterCaseInsensitively() {
        ToolFilter f = parser.parse("smartlead", "Financial", "CRITICAL", "changed", " campaign ", "2", "500");
        assertEquals(Optional.of("smartlead"), f.server());
        assertEquals(Optional.of(Category.FINANCIAL), f.category());
        assertEquals(Optional.of(Risk.CRITICAL), f.risk());
        assertEquals(Optional.of(ToolStatus.CHANGED), f.status());
        assertEquals(Optional.of("campaign"), f.text());
        assertEquals(2, f.page());
        assertEquals(500, f.size());
        ToolFilter.Where w = f.where();
        assertTrue(w.clause().contains("server = :server") && w.clause().contains("category = :category")
                && w.clause().contains("risk = :risk") && w.clause().contains("status = :status"), w.clause());
        assertEquals("%campaign%", w.params().get("text"));
    }

    @Test
    void unknownEnumValuesNameTheFieldAndTheAllowedValues() {
        ApiProblem p = assertThrows(ApiProblem.class, () -> parser.parse(null, "dangerous", null, null, null, null, null));
        assertEquals(400, p.status());
        assertEquals("Unknown category 'dangerous'; allowed values: read, write, execute, destructive, financial", p.getMessage());
        p = assertThrows(ApiProblem.class, () -> parser.parse(null, null, "severe", null, null, null, null));
        assertEquals("Unknown risk 'severe'; allowed values: low, medium, high, critical", p.getMessage());
        p = assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, "deleted", null, null, null));
        assertEquals("Unknown status 'deleted'; allowed values: active, changed, removed", p.getMessage());
    }

    @Test
    void pageAndSizeMustBeIntegersInRange() {
        assertTrue(assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, null, "-1", null)).getMessage().contains("'page'"));
        assertTrue(assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, null, "x", null)).getMessage().contains("'page'"));
        assertTrue(assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, null, null, "0")).getMessage().contains("'size'"));
        assertTrue(assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, null, null, "501")).getMessage().contains("500"));
        assertTrue(assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, null, null, "1.5")).getMessage().contains("'size'"));
    }

    @Test
    void textIsMatchedLiterallyAndBounded() {
        assertEquals("%50\\%\\_off\\\\%", parser.parse(null, null, null, null, "50%_OFF\\", null, null).where().params().get("text"));
        assertThrows(ApiProblem.class, () -> parser.parse(null, null, null, null, "x".repeat(201), null, null));
    }
}
