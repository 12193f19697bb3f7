package dev.mcpgateway.catalog.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the classifier blind over the 116 SmartLead tools (name, title, description and input schema only,
 * never the labels), prints confusion matrices against the seed's labels, and holds it to the bar of issue 5.
 */
class ClassifierBlindTest {

    record Labelled(ToolDefinition definition, Category category, Risk risk) {
    }

    @Test
    void agreesWithTheSeedLabelsOnTheSmartLeadCatalog() throws Exception {
        List<Labelled> tools = load();
        assertEquals(116, tools.size());
        Map<Category, Map<Category, Integer>> categories = new EnumMap<>(Category.class);
        Map<Risk, Map<Risk, Integer>> risks = new EnumMap<>(Risk.class);
        int categoryHits = 0;
        int riskHits = 0;
        List<String> misses = new ArrayList<>();
        List<String> dangerousLows = new ArrayList<>();
        for (Labelled t : tools) {
            Classification c = Classifier.classify(t.definition());
            categories.computeIfAbsent(t.category(), k -> new EnumMap<>(Category.class)).merge(c.category(), 1, Integer::sum);
            risks.computeIfAbsent(t.risk(), k -> new EnumMap<>(Risk.class)).merge(c.risk(), 1, Integer::sum);
            if (c.category() == t.category()) {
                categoryHits++;
            } else {
                misses.add(t.definition().name() + ": seed " + t.category().wire() + ", auto " + c.category().wire() + " (" + c.reason() + ")");
            }
            if (c.risk() == t.risk()) {
                riskHits++;
            }
            if (t.risk().ordinal() >= Risk.HIGH.ordinal() && c.risk() == Risk.LOW) {
                dangerousLows.add(t.definition().name() + " (seed " + t.risk().wire() + "): " + c.reason());
            }
        }
        double categoryAgreement = 100.0 * categoryHits / tools.size();
        double riskAgreement = 100.0 * riskHits / tools.size();
        System.out.println(matrix("category", Category.values(), categories));
        System.out.println(matrix("risk", Risk.values(), risks));
        System.out.printf("category agreement %.1f%% (%d/%d), risk agreement %.1f%% (%d/%d)%n",
                categoryAgreement, categoryHits, tools.size(), riskAgreement, riskHits, tools.size());
        misses.forEach(m -> System.out.println("  category miss: " + m));

        assertTrue(categoryAgreement >= 85.0, "category agreement " + categoryAgreement + "% < 85%: " + misses);
        assertTrue(dangerousLows.isEmpty(), "seed high/critical tools classified low: " + dangerousLows);
    }

    private static <E extends Enum<E> & dev.mcpgateway.catalog.tool.WireEnum> String matrix(
            String what, E[] values, Map<E, Map<E, Integer>> cells) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%s confusion matrix (rows: seed label, columns: classifier)%n%-12s", what, ""));
        for (E col : values) {
            out.append(String.format("%12s", col.wire()));
        }
        out.append('\n');
        for (E row : values) {
            out.append(String.format("%-12s", row.wire()));
            for (E col : values) {
                out.append(String.format("%12d", cells.getOrDefault(row, Map.of()).getOrDefault(col, 0)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static List<Labelled> load() throws Exception {
        try (InputStream in = ClassifierBlindTest.class.getClassLoader().getResourceAsStream("catalog/smartlead-tools.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Labelled> out = new ArrayList<>();
            for (JsonNode t : root.get("tools")) {
                // Blind: only what an upstream's tools/list would show.
                ToolDefinition d = new ToolDefinition(t.get("name").asText(), t.path("title").asText(null),
                        t.path("purpose").asText(null), t.get("inputSchema"), null, null);
                out.add(new Labelled(d, Category.fromWire(t.get("category").asText()), Risk.fromWire(t.get("risk").asText())));
            }
            return out;
        }
    }
}
