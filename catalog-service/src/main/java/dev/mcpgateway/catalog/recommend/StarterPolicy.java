package dev.mcpgateway.catalog.recommend;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.tool.ToolStatus;
import java.util.Comparator;
import java.util.List;

/**
 * A whole starter policy document for one server: {@code version} "1", {@code default} deny, and one
 * {@code tools} entry per tool the upstream still lists, by name. Ready to review and then store with
 * {@code PUT /api/policies/{id}} on policy-service; deterministic (no timestamps), so it can be diffed.
 */
public final class StarterPolicy {

    private StarterPolicy() {
    }

    public static ObjectNode build(String server, List<Recommendation> recommendations) {
        List<Recommendation> listed = recommendations.stream()
                .filter(r -> r.status() != ToolStatus.REMOVED)
                .sorted(Comparator.comparing(Recommendation::tool))
                .toList();
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("version", "1");
        // Deny what the policy does not name: a tool the upstream adds later is refused until someone reviews it.
        doc.put("default", "deny");
        doc.put("description", description(server, listed));
        ObjectNode tools = doc.putObject("tools");
        for (Recommendation r : listed) {
            tools.set(r.tool(), r.rule());
        }
        return doc;
    }

    private static String description(String server, List<Recommendation> listed) {
        String text = "Starter policy for server '" + server + "', recommended by the catalog from the category and risk of its "
                + listed.size() + " tools. Review before storing.";
        List<String> changed = listed.stream().filter(r -> r.status() == ToolStatus.CHANGED).map(Recommendation::tool).toList();
        if (!changed.isEmpty()) {
            text += " Tools with an unreviewed definition change: " + String.join(", ", changed) + ".";
        }
        return text;
    }
}
