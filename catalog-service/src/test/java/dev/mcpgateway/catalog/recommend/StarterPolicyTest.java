package dev.mcpgateway.catalog.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import dev.mcpgateway.catalog.tool.ToolStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SmartLead starter policy, built from the seed file: compared with the reviewed golden file
 * {@code catalog/smartlead-starter-policy.json} (top level) (which policy-service should validate too), checked against the
 * policy language's shape, and spot-checked rule by rule.
 */
class StarterPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOLDEN = "catalog/smartlead-starter-policy.json";

    static ObjectNode smartLeadStarter() {
        List<Recommendation> all = SeedRecommendationsTest.SEED.tools().stream()
                .map(t -> Recommendation.of("smartlead", t.definition().name(), t.category(), t.risk(), ToolStatus.ACTIVE))
                .toList();
        return StarterPolicy.build("smartlead", all);
    }

    @Test
    void matchesTheReviewedGoldenFile() throws IOException {
        ObjectNode actual = smartLeadStarter();
        // Written out so a difference can be diffed (and, if intended, copied over the golden file after review).
        Path out = Path.of("target", "smartlead-starter-policy.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        JsonNode expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GOLDEN)) {
            expected = JSON.readTree(in);
        }
        assertEquals(expected, actual, "the starter policy differs from the top-level " + GOLDEN + "; compare with " + out);
    }

    @Test
    void isADenyByDefaultDocumentWithOneEntryPerTool() {
        ObjectNode doc = smartLeadStarter();
        assertEquals("1", doc.get("version").asText());
        assertEquals("deny", doc.get("default").asText());
        assertEquals(116, doc.get("tools").size());
        Set<String> seedNames = new HashSet<>();
        SeedRecommendationsTest.SEED.tools().forEach(t -> seedNames.add(t.definition().name()));
        assertEquals(seedNames, SeedRecommendationsTest.fields(doc.get("tools")));
        List<String> keys = new ArrayList<>(SeedRecommendationsTest.fields(doc.get("tools")));
        List<String> inDocument = new ArrayList<>();
        doc.get("tools").fieldNames().forEachRemaining(inDocument::add);
        assertEquals(keys, inDocument, "tools are sorted by name, so two versions diff cleanly");
        assertEquals(List.of(), PolicyShape.problems(doc));
    }

    @Test
    void rulesForWellKnownTools() throws IOException {
        JsonNode tools = smartLeadStarter().get("tools");
        assertEquals(JSON.readTree("{}"), tools.get("smartlead_get_campaign"));
        assertEquals("require_approval", tools.get("smartlead_delete_campaign").get("action").asText());
        assertEquals("require_approval", tools.get("smartlead_reset_client_api_key").get("action").asText());
        // Exactly the rule of the seed's example policy (DESIGN.md "Policy document").
        assertEquals(JSON.readTree("{\"limits\":[{\"counter\":\"smartlead_retrigger_failed_events_rate\","
                + "\"window\":\"minute\",\"max\":10,\"scope\":\"grant\"}]}"), tools.get("smartlead_retrigger_failed_events"));
        JsonNode order = tools.get("smartlead_place_order_for_mailboxes");
        assertEquals("deny", order.get("action").asText());
        assertTrue(order.get("reason").asText().contains("Denied unless explicitly allowed"));
        assertEquals("deny", tools.get("smartlead_create_client_api_key").get("action").asText(), "write/critical");
        JsonNode create = tools.get("smartlead_create_campaign").get("limits").get(0);
        assertEquals("hour", create.get("window").asText());
        assertEquals(60, create.get("max").asInt());
        assertEquals(20, tools.get("smartlead_update_campaign_settings").get("limits").get(0).get("max").asInt(), "write/high");
    }

    @Test
    void leavesOutRemovedToolsAndNamesChangedOnes() {
        ObjectNode doc = StarterPolicy.build("demo", List.of(
                Recommendation.of("demo", "get_a", Category.READ, Risk.LOW, ToolStatus.ACTIVE),
                Recommendation.of("demo", "get_b", Category.READ, Risk.LOW, ToolStatus.REMOVED),
                Recommendation.of("demo", "send_c", Category.EXECUTE, Risk.HIGH, ToolStatus.CHANGED)));
        assertEquals(Set.of("get_a", "send_c"), SeedRecommendationsTest.fields(doc.get("tools")));
        assertTrue(doc.get("description").asText().contains("unreviewed definition change: send_c"), doc.toString());
        assertEquals(List.of(), PolicyShape.problems(doc));
    }

    @Test
    void theShapeCheckCatchesWhatPolicyServiceWouldReject() throws IOException {
        // Guards the guard: PolicyShape must not accept everything.
        JsonNode bad = JSON.readTree("{\"default\":\"maybe\",\"tools\":{\"x\":{\"action\":\"ask\",\"note\":\"n\","
                + "\"limits\":[{\"counter\":\"x_rate\",\"window\":\"week\",\"max\":0,\"scope\":\"team\"}]}}}");
        List<String> problems = PolicyShape.problems(bad);
        for (String pointer : List.of("/version", "/default", "/tools/x/action", "/tools/x/note", "/tools/x/limits/0/window",
                "/tools/x/limits/0/max", "/tools/x/limits/0/scope")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(pointer + ":")), pointer + " in " + problems);
        }
        assertFalse(problems.isEmpty());
    }

    /**
     * The subset of policy-service's validation a generated starter policy can get wrong (fields, actions, limits),
     * from policy-service/README.md. The real validator runs on the golden file in policy-service's own tests.
     */
    static final class PolicyShape {
        private static final Set<String> TOP = Set.of("version", "default", "mode", "description", "hide", "tools", "all_tools",
                "risk", "audit_argument_values");
        private static final Set<String> RULE = Set.of("action", "reason", "require", "deny_if", "limits");
        private static final Set<String> LIMIT = Set.of("counter", "window", "max", "scope", "increment_from");

        static List<String> problems(JsonNode doc) {
            List<String> out = new ArrayList<>();
            unknown(doc, "", TOP, out);
            if (!doc.path("version").asText("").matches("[1-9][0-9]*")) {
                out.add("/version: must be a positive integer");
            }
            if (!Set.of("allow", "deny").contains(doc.path("default").asText())) {
                out.add("/default: must be allow or deny");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("tools").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String ptr = "/tools/" + e.getKey();
                JsonNode rule = e.getValue();
                unknown(rule, ptr, RULE, out);
                if (rule.has("action") && !Set.of("allow", "deny", "hide", "require_approval").contains(rule.get("action").asText())) {
                    out.add(ptr + "/action: unknown action");
                }
                if (rule.has("reason") && rule.get("reason").asText().isBlank()) {
                    out.add(ptr + "/reason: must be a non-empty string");
                }
                for (int i = 0; i < rule.path("limits").size(); i++) {
                    JsonNode l = rule.get("limits").get(i);
                    String lp = ptr + "/limits/" + i;
                    unknown(l, lp, LIMIT, out);
                    if (l.path("counter").asText().isBlank()) {
                        out.add(lp + "/counter: required");
                    }
                    if (!Set.of("second", "minute", "hour", "day").contains(l.path("window").asText())) {
                        out.add(lp + "/window: unknown window");
                    }
                    if (!l.path("max").isIntegralNumber() || l.get("max").asLong() < 1) {
                        out.add(lp + "/max: must be an integer of at least 1");
                    }
                    if (l.has("scope") && !Set.of("grant", "session", "global").contains(l.get("scope").asText())) {
                        out.add(lp + "/scope: unknown scope");
                    }
                }
            }
            return out;
        }

        private static void unknown(JsonNode node, String ptr, Set<String> allowed, List<String> out) {
            node.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    out.add(ptr + "/" + f + ": unknown field");
                }
            });
        }
    }
}
