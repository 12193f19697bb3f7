package dev.mcpgateway.audit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpgateway.support.problem.ApiProblem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRequestTest {

    @Test
    void parsesDimensionsAndBuckets() {
        assertEquals(StatsDimension.DECISION, StatsDimension.parse(null));
        assertEquals(StatsDimension.RISK, StatsDimension.parse("Risk"));
        assertEquals(StatsBucket.HOUR, StatsBucket.parse(""));
        assertEquals(StatsBucket.MINUTE, StatsBucket.parse("minute"));
        assertEquals("unknown by 'session'; allowed: decision, tool, risk",
                assertThrows(ApiProblem.class, () -> StatsDimension.parse("session")).getMessage());
        assertEquals("unknown bucket 'week'; allowed: minute, hour, day",
                assertThrows(ApiProblem.class, () -> StatsBucket.parse("week")).getMessage());
    }

    @Test
    void foldsRowsIntoBuckets() {
        List<Object[]> rows = List.of(
                new Object[] {LocalDateTime.parse("2026-03-01T10:00:00"), "ALLOW", 3L},
                new Object[] {LocalDateTime.parse("2026-03-01T10:00:00"), "DENY", 1L},
                new Object[] {LocalDateTime.parse("2026-03-01T11:00:00"), "DENY", 2},
                new Object[] {java.time.OffsetDateTime.parse("2026-03-01T12:00:00Z"), "ALLOW", 5L});
        List<StatsResource.Bucket> buckets = StatsResource.group(rows);
        assertEquals(3, buckets.size());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), buckets.get(0).start());
        assertEquals(Map.of("ALLOW", 3L, "DENY", 1L), buckets.get(0).counts());
        assertEquals(Map.of("DENY", 2L), buckets.get(1).counts());
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), buckets.get(2).start());
    }
}
