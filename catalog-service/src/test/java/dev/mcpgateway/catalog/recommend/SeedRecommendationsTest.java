package dev.mcpgateway.catalog.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.seed.SeedCatalog;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import dev.mcpgateway.catalog.tool.ToolStatus;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SmartLead tool of the seed file gets the rule its category and risk call for. The expectations are written
 * from the policy brief (issue 9), independently of {@link RuleTable}'s layout: action first, then the limit's shape.
 */
class SeedRecommendationsTest {

    static final SeedCatalog SEED = SeedCatalog.load(new ObjectMapper(), "catalog/smartlead-tools.json");

    static Stream<Arguments> seedTools() {
        return SEED.tools().stream().map(t -> Arguments.of(t.definition().name(), t.category(), t.risk()));
    }

    @Test
    void theSeedHoldsAll116SmartLeadTools() {
        assertEquals("smartlead", SEED.server());
        assertEquals(116, SEED.tools().size());
    }

    @ParameterizedTest(name = "{0} ({1}/{2})")
    @MethodSource("seedTools")
    void recommendationMatchesCategoryAndRisk(String tool, Category category, Risk risk) {
        Recommendation r = Recommendation.of("smartlead", tool, category, risk, ToolStatus.ACTIVE);
        JsonNode rule = r.rule();

        assertEquals(tool, r.tool());
        assertNull(r.note(), "an active tool gets no note");
        assertFalse(r.reasoning().contains("\n"), "reasoning is one line");
        assertTrue(r.reasoning().startsWith(category.wire() + "/" + risk.wire() + " → "), r.reasoning());

        if (category == Category.FINANCIAL || (risk == Risk.CRITICAL && category != Category.DESTRUCTIVE && category != Category.EXECUTE)) {
            assertEquals(Set.of("action", "reason"), fields(rule));
            assertEquals("deny", rule.get("action").asText());
            assertTrue(rule.get("reason").asText().startsWith("Denied unless explicitly allowed"), rule.toString());
        } else if (category == Category.DESTRUCTIVE || (category == Category.EXECUTE && risk == Risk.CRITICAL)) {
            assertEquals(Set.of("action", "reason"), fields(rule));
            assertEquals("require_approval", rule.get("action").asText());
            assertFalse(rule.get("reason").asText().isBlank());
        } else if (category == Category.READ && risk == Risk.LOW) {
            assertEquals(0, rule.size(), "read/low is allowed without conditions: {}");
        } else {
            // Allowed (no action key: allow is the default) with exactly one per-grant limit on the tool's own counter.
            assertEquals(Set.of("limits"), fields(rule));
            assertEquals(1, rule.get("limits").size());
            JsonNode limit = rule.get("limits").get(0);
            assertEquals(Set.of("counter", "window", "max", "scope"), fields(limit));
            assertEquals(tool + "_rate", limit.get("counter").asText());
            assertEquals("grant", limit.get("scope").asText());
            assertTrue(limit.get("max").isInt() && limit.get("max").asInt() >= 1);
            switch (category) {
                case EXECUTE -> {
                    assertEquals("minute", limit.get("window").asText());
                    assertEquals(10, limit.get("max").asInt());
                }
                case WRITE -> {
                    assertEquals("hour", limit.get("window").asText());
                    assertEquals(risk == Risk.HIGH ? 20 : 60, limit.get("max").asInt());
                }
                case READ -> {
                    assertEquals("hour", limit.get("window").asText());
                    assertTrue(risk == Risk.MEDIUM || risk == Risk.HIGH);
                }
                default -> throw new AssertionError("no limited rule expected for " + category);
            }
        }
    }

    @Test
    void higherRiskNeverGetsAMoreGenerousLimit() {
        for (Category c : Category.values()) {
            int previous = Integer.MAX_VALUE;
            for (Risk r : Risk.values()) {
                RecommendedRule cell = RuleTable.ruleFor(c, r);
                int perHour = !cell.limited() ? (cell.action().equals("allow") ? Integer.MAX_VALUE : 0)
                        : cell.window().equals("minute") ? cell.max() * 60 : cell.max();
                assertTrue(perHour <= previous, c + "/" + r + " allows more than the risk below it");
                previous = perHour;
            }
        }
    }

    @Test
    void changedAndRemovedToolsGetANote() {
        Recommendation changed = Recommendation.of("smartlead", "smartlead_get_campaign", Category.READ, Risk.LOW, ToolStatus.CHANGED);
        assertTrue(changed.note().contains("/api/tools/smartlead/smartlead_get_campaign/versions"), changed.note());
        assertEquals(0, changed.rule().size(), "the note does not change the rule");
        Recommendation removed = Recommendation.of("smartlead", "smartlead_get_campaign", Category.READ, Risk.LOW, ToolStatus.REMOVED);
        assertTrue(removed.note().contains("no longer lists"), removed.note());
    }

    static Set<String> fields(JsonNode node) {
        Set<String> out = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
