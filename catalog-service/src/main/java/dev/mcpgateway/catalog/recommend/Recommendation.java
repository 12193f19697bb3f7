package dev.mcpgateway.catalog.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import dev.mcpgateway.catalog.tool.ToolStatus;

/**
 * The rule recommended for one tool.
 *
 * @param rule      the policy document's {@code tools.<tool>} entry, valid for policy-service as it is
 * @param reasoning one line: category/risk → rule: why
 * @param note      only when the catalogued definition is not the one the upstream serves now ({@code changed})
 *                  or the upstream no longer lists the tool ({@code removed})
 */
public record Recommendation(
        String server,
        String tool,
        Category category,
        Risk risk,
        ToolStatus status,
        ObjectNode rule,
        String reasoning,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    public static Recommendation of(String server, String tool, Category category, Risk risk, ToolStatus status) {
        RecommendedRule cell = RuleTable.ruleFor(category, risk);
        return new Recommendation(server, tool, category, risk, status, cell.toPolicyRule(tool, category, risk),
                cell.reasoning(category, risk), note(server, tool, status));
    }

    private static String note(String server, String tool, ToolStatus status) {
        return switch (status) {
            case ACTIVE -> null;
            // The classification, and so this rule, describe the accepted definition, not the one now served.
            case CHANGED -> "The upstream now reports a changed definition that nobody has accepted; this rule is based on the"
                    + " accepted one. Review GET /api/tools/" + server + "/" + tool + "/versions before relying on it.";
            case REMOVED -> "The upstream no longer lists this tool; starter policies leave it out (the default denies it).";
        };
    }
}
