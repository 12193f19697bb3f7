package dev.mcpgateway.policy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An Intercept policy file after validation (PolicyLayer's open-source MCP proxy, format described in
 * its POLICY.md): {@code version: "1"}, {@code default}, {@code hide}, and {@code tools} mapping tool
 * names (or {@code "*"}) to ordered rules.
 */
record InterceptPolicy(String description, boolean defaultDeny, List<String> hide, Map<String, List<Rule>> tools) {

    static final String WILDCARD = "*";
    /** The counter scope of wildcard rules: {@code state._global.<counter>}. */
    static final String GLOBAL_SCOPE = "_global";

    /**
     * @param where    location in the file, e.g. {@code tools.create_issue.rules[0]}
     * @param deny     {@code action: deny}; otherwise {@code evaluate}
     * @param onDeny   message for the agent, or null
     * @param state    the counter this rule maintains, or null
     */
    record Rule(String where, String name, boolean deny, List<Cond> conditions, String onDeny, State state) {
    }

    /** {@code path} is {@code args.…} or {@code state.<scope>.<counter>}. */
    record Cond(String where, String path, String op, JsonNode value) {
        boolean onState() {
            return path.startsWith("state.");
        }

        String scope() {
            return path.split("\\.", 3)[1];
        }

        String counter() {
            return path.split("\\.", 3)[2];
        }
    }

    /**
     * @param increment     fixed amount per allowed call (default 1)
     * @param incrementFrom argument path whose value is added instead, or null
     */
    record State(String where, String counter, String window, double increment, String incrementFrom) {
    }
}
