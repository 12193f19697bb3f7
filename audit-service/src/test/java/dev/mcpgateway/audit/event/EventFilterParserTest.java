package dev.mcpgateway.audit.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.support.problem.ApiProblem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventFilterParserTest {

    private static EventFilter parse(String from, String to, String decision, String risk) {
        return EventFilterParser.parse(from, to, null, null, null, null, decision, risk, null);
    }

    @Test
    void acceptsIsoInstantsAndOffsets() {
        EventFilter f = parse("2026-01-01T00:00:00Z", "2026-01-01T03:00:00+02:00", null, null);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), f.from());
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), f.to());
    }

    @Test
    void refusesAnInvertedOrEmptyRange() {
        ApiProblem inverted = assertThrows(ApiProblem.class,
                () -> parse("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", null, null));
        assertEquals(400, inverted.status());
        assertTrue(inverted.getMessage().contains("inverted"), inverted.getMessage());
        assertThrows(ApiProblem.class, () -> parse("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, null));
    }

    @Test
    void refusesATimeThatIsNotIso() {
        ApiProblem p = assertThrows(ApiProblem.class, () -> parse("yesterday", null, null, null));
        assertTrue(p.getMessage().startsWith("from must be an ISO-8601 instant"), p.getMessage());
    }

    @Test
    void normalizesDecisionAndRiskCase() {
        EventFilter f = parse(null, null, "rate_limited", "HIGH");
        assertEquals("RATE_LIMITED", f.decision());
        assertEquals("high", f.risk());
    }

    @Test
    void anUnknownDecisionNamesTheAllowedOnes() {
        ApiProblem p = assertThrows(ApiProblem.class, () -> parse(null, null, "MAYBE", null));
        assertEquals("unknown decision 'MAYBE'; allowed: ALLOW, DENY, RATE_LIMITED, APPROVAL_REQUIRED, UNDECIDED",
                p.getMessage());
        ApiProblem risk = assertThrows(ApiProblem.class, () -> parse(null, null, null, "extreme"));
        assertTrue(risk.getMessage().endsWith("allowed: low, medium, high, critical"), risk.getMessage());
    }

    @Test
    void blankValuesMeanNoFilter() {
        EventFilter f = EventFilterParser.parse(" ", "", " ", null, null, null, "", " ", "  ");
        assertEquals(EventFilter.NONE, f);
    }

    @Test
    void limitDefaultsAndBounds() {
        assertEquals(100, EventFilterParser.limit(null, 100, 1000));
        assertEquals(1000, EventFilterParser.limit("1000", 100, 1000));
        assertEquals(1, EventFilterParser.limit(" 1 ", 100, 1000));
        for (String absurd : new String[] {"0", "-5", "1001", "99999999999", "ten", "1.5"}) {
            ApiProblem p = assertThrows(ApiProblem.class, () -> EventFilterParser.limit(absurd, 100, 1000), absurd);
            assertEquals(400, p.status());
        }
    }

    @Test
    void refusesOverlongValues() {
        String tooLong = "x".repeat(EventFilterParser.MAX_VALUE_LENGTH + 1);
        assertThrows(ApiProblem.class,
                () -> EventFilterParser.parse(null, null, null, tooLong, null, null, null, null, null));
    }

    @Test
    void rendersOnlyTheGivenFiltersAsBoundParameters() {
        EventFilter f = EventFilterParser.parse("2026-01-01T00:00:00Z", null, "g-1", null, null, "t", "deny", null,
                "50%_off");
        EventFilter.Where w = f.where(new Cursor(Instant.parse("2026-01-02T00:00:00Z"), "d-9"));
        assertEquals("occurred_at >= :from AND grant_id = :grant AND tool = :tool AND decision = :decision"
                + " AND reason ILIKE :text ESCAPE '\\' AND (occurred_at, decision_id) < (:afterTs, :afterId)", w.sql());
        assertEquals("%50\\%\\_off%", w.params().get("text"));
        assertEquals("DENY", w.params().get("decision"));
        assertEquals("d-9", w.params().get("afterId"));
        assertNull(w.params().get("to"));
        assertEquals("TRUE", EventFilter.NONE.where(null).sql());
    }
}
