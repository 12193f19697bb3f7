package dev.mcpgateway.catalog.recommend;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;

/**
 * One cell of {@link RuleTable}: the policy action, an optional per-grant rate limit and the reason for it.
 * The strings are policy-service's wire values (DESIGN.md "Policy document"), not ours: they are written as-is.
 *
 * @param action {@link #ALLOW}, {@link #REQUIRE_APPROVAL} or {@link #DENY}
 * @param window {@code minute} or {@code hour} for a limited allow; null when there is no limit
 * @param max    calls per window and grant; 0 when there is no limit
 * @param why    the second half of the reasoning line: why this category and risk get this rule
 */
public record RecommendedRule(String action, String window, int max, String why) {

    public static final String ALLOW = "allow";
    public static final String REQUIRE_APPROVAL = "require_approval";
    public static final String DENY = "deny";

    /** Limits always count per grant: one agent's runaway loop must not use up another agent's budget. */
    public static final String SCOPE = "grant";

    static RecommendedRule allow(String why) {
        return new RecommendedRule(ALLOW, null, 0, why);
    }

    static RecommendedRule limited(int max, String window, String why) {
        return new RecommendedRule(ALLOW, window, max, why);
    }

    static RecommendedRule approval(String why) {
        return new RecommendedRule(REQUIRE_APPROVAL, null, 0, why);
    }

    static RecommendedRule deny(String why) {
        return new RecommendedRule(DENY, null, 0, why);
    }

    public boolean limited() {
        return window != null;
    }

    /** The counter a tool's limit uses: one per tool, named as in the seed's example policy. */
    public static String counter(String tool) {
        return tool + "_rate";
    }

    /**
     * The {@code tools.<name>} entry of a policy document. An allowed tool without a limit is {@code {}} and a
     * limited one carries only {@code limits} (allow is the default action), exactly like the seed's example.
     */
    public ObjectNode toPolicyRule(String tool, Category category, Risk risk) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        if (!ALLOW.equals(action)) {
            rule.put("action", action);
            rule.put("reason", agentReason(category, risk));
        }
        if (limited()) {
            ObjectNode limit = rule.putArray("limits").addObject();
            limit.put("counter", counter(tool));
            limit.put("window", window);
            limit.put("max", max);
            limit.put("scope", SCOPE);
        }
        return rule;
    }

    /** What the agent is told when the rule stops a call (policy {@code reason}). */
    String agentReason(Category category, Risk risk) {
        String kind = category.wire() + "/" + risk.wire() + " tool";
        return DENY.equals(action)
                ? "Denied unless explicitly allowed: " + kind + "."
                : "Each call needs a person's approval: " + kind + ".";
    }

    /** The rule in a few words, e.g. "allow, at most 10 calls a minute per grant". */
    String summary() {
        if (limited()) {
            return "allow, at most " + max + " calls a" + (window.equals("hour") ? "n " : " ") + window + " per grant";
        }
        return action;
    }

    /** One line: "execute/high → allow, at most 10 calls a minute per grant: why". */
    String reasoning(Category category, Risk risk) {
        return category.wire() + "/" + risk.wire() + " → " + summary() + ": " + why;
    }
}
