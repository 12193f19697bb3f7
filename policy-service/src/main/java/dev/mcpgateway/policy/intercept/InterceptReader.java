package dev.mcpgateway.policy.intercept;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mcpgateway.policy.document.ArgumentPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads and validates an Intercept policy file completely before anything is converted, with the
 * checks Intercept itself makes ({@code intercept validate}) plus unknown fields: a file Intercept
 * would refuse, or that is some other format (our own documents included), is refused with every
 * problem found.
 */
final class InterceptReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("version", "description", "default", "hide", "tools");
    private static final Set<String> TOOL = Set.of("rules");
    private static final Set<String> RULE = Set.of("name", "action", "conditions", "on_deny", "state", "rate_limit");
    private static final Set<String> COND = Set.of("path", "op", "value");
    private static final Set<String> STATE = Set.of("counter", "window", "increment", "increment_from");
    private static final Set<String> OPS = Set.of("eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "regex",
            "contains", "exists");
    private static final Set<String> WINDOWS = Set.of("minute", "hour", "day");
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("\\s*([0-9]+)\\s*/\\s*([a-z]+)\\s*");

    private final List<String> problems = new ArrayList<>();

    private InterceptReader() {
    }

    static InterceptPolicy read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InterceptFormatException(List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        InterceptReader r = new InterceptReader();
        InterceptPolicy p = r.policy(root);
        if (!r.problems.isEmpty()) {
            throw new InterceptFormatException(r.problems);
        }
        return p;
    }

    private void problem(String where, String message) {
        problems.add(where.isEmpty() ? message : where + ": " + message);
    }

    private InterceptPolicy policy(JsonNode root) {
        if (root == null || !root.isObject()) {
            problem("", "an Intercept policy is a YAML mapping with version, tools and optionally default, hide, description");
            return null;
        }
        if (looksLikeGatewayDocument(root)) {
            problem("", "this looks like an mcp-gateway policy document already (risk, all_tools, mode or tool "
                    + "rules without 'rules'); it needs no import");
        }
        unknown(root, "", TOP);
        JsonNode v = root.get("version");
        if (v == null || !(v.equals(TextNode.valueOf("1")) || v.equals(IntNode.valueOf(1)))) {
            problem("version", "must be \"1\", got " + (v == null ? "nothing" : v.toString()));
        }
        String description = null;
        JsonNode d = root.get("description");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                problem("description", "must be a string");
            } else {
                description = d.textValue();
            }
        }
        boolean defaultDeny = false;
        JsonNode def = root.get("default");
        if (def != null && !def.isNull()) {
            if (def.isTextual() && (def.textValue().equals("allow") || def.textValue().equals("deny"))) {
                defaultDeny = def.textValue().equals("deny");
            } else {
                problem("default", "must be \"allow\" or \"deny\", got " + def);
            }
        }
        List<String> hide = hide(root.get("hide"));
        Map<String, List<InterceptPolicy.Rule>> tools = new LinkedHashMap<>();
        JsonNode t = root.get("tools");
        if (t == null || !t.isObject()) {
            problem("tools", t == null ? "is required: a mapping of tool names to their rules" : "must be a mapping of tool names to their rules");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tools.put(e.getKey(), tool("tools." + e.getKey(), e.getKey(), e.getValue()));
            }
        }
        counterReferences(tools);
        return new InterceptPolicy(description, defaultDeny, hide, tools);
    }

    /** Every {@code state.<scope>.<counter>} condition must name a counter some rule maintains. */
    private void counterReferences(Map<String, List<InterceptPolicy.Rule>> tools) {
        Set<String> defined = new HashSet<>();
        tools.forEach((tool, rules) -> rules.forEach(r -> {
            if (r.state() != null) {
                defined.add(scopeOf(tool) + "." + r.state().counter());
            }
        }));
        tools.values().forEach(rules -> rules.forEach(r -> r.conditions().forEach(c -> {
            if (c.onState() && !defined.contains(c.scope() + "." + c.counter())) {
                problem(c.where(), "condition references " + c.path() + " but no matching state block found");
            }
        })));
    }

    static String scopeOf(String tool) {
        return tool.equals(InterceptPolicy.WILDCARD) ? InterceptPolicy.GLOBAL_SCOPE : tool;
    }

    private static boolean looksLikeGatewayDocument(JsonNode root) {
        if (root.has("risk") || root.has("all_tools") || root.has("mode") || root.has("audit_argument_values")) {
            return true;
        }
        JsonNode tools = root.get("tools");
        if (tools == null || !tools.isObject() || tools.size() == 0) {
            return false;
        }
        for (JsonNode rule : tools) {
            if (!rule.isObject() || rule.has("rules")) {
                return false;
            }
        }
        return true;
    }

    private List<String> hide(JsonNode h) {
        List<String> out = new ArrayList<>();
        if (h == null || h.isNull()) {
            return out;
        }
        if (!h.isArray()) {
            problem("hide", "must be a list of tool names");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode e = h.get(i);
            if (!e.isTextual() || e.textValue().isBlank()) {
                problem("hide[" + i + "]", "entry must not be empty");
            } else if (!seen.add(e.textValue())) {
                problem("hide", "duplicate entry \"" + e.textValue() + "\"");
            } else {
                out.add(e.textValue());
            }
        }
        return out;
    }

    private List<InterceptPolicy.Rule> tool(String where, String tool, JsonNode node) {
        List<InterceptPolicy.Rule> out = new ArrayList<>();
        if (tool.isEmpty()) {
            problem(where, "a tool name must not be empty");
        }
        if (node == null || !node.isObject()) {
            problem(where, "must be a mapping with 'rules'");
            return out;
        }
        unknown(node, where, TOOL);
        JsonNode rules = node.get("rules");
        if (rules == null) {
            problem(where, "'rules' is required (use rules: [] to allow the tool without checks)");
            return out;
        }
        if (rules.isNull()) {
            return out;
        }
        if (!rules.isArray()) {
            problem(where + ".rules", "must be a list");
            return out;
        }
        String scope = scopeOf(tool);
        Map<String, String> counters = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            InterceptPolicy.Rule r = rule(where + ".rules[" + i + "]", scope, rules.get(i));
            if (r == null) {
                continue;
            }
            if (r.state() != null) {
                String before = counters.putIfAbsent(r.state().counter(), r.where());
                if (before != null) {
                    problem(r.where(), "duplicate state counter \"" + r.state().counter() + "\" (also used by " + before + ")");
                }
            }
            out.add(r);
        }
        return out;
    }

    private InterceptPolicy.Rule rule(String where, String scope, JsonNode node) {
        if (node == null || !node.isObject()) {
            problem(where, "a rule must be a mapping");
            return null;
        }
        unknown(node, where, RULE);
        JsonNode n = node.get("name");
        String name = n != null && n.isTextual() && !n.textValue().isBlank() ? n.textValue() : null;
        if (name == null) {
            problem(where, "rule must have a name");
        }
        boolean deny = false;
        JsonNode a = node.get("action");
        if (a != null && !a.isNull()) {
            if (a.isTextual() && (a.textValue().equals("evaluate") || a.textValue().equals("deny"))) {
                deny = a.textValue().equals("deny");
            } else {
                problem(where + ".action", "action must be \"evaluate\" or \"deny\", got " + a);
            }
        }
        String onDeny = null;
        JsonNode od = node.get("on_deny");
        if (od != null && !od.isNull()) {
            if (!od.isTextual()) {
                problem(where + ".on_deny", "must be a string");
            } else if (!od.textValue().isBlank()) {
                onDeny = od.textValue();
            }
        }
        JsonNode conds = node.get("conditions");
        JsonNode stateNode = node.get("state");
        JsonNode rate = node.get("rate_limit");
        List<InterceptPolicy.Cond> conditions = new ArrayList<>();
        InterceptPolicy.State state = null;
        if (rate != null && !rate.isNull()) {
            if (deny) {
                problem(where, "rate_limit cannot be used with action \"deny\"");
            }
            if ((conds != null && !conds.isNull()) || (stateNode != null && !stateNode.isNull())) {
                problem(where, "rate_limit cannot be combined with conditions or state");
            }
            Matcher m = rate.isTextual() ? RATE.matcher(rate.textValue()) : null;
            if (m == null || !m.matches()) {
                problem(where + ".rate_limit", "must be <count>/<window>, e.g. 5/hour, got " + rate);
            } else if (!WINDOWS.contains(m.group(2))) {
                problem(where + ".rate_limit", "rate_limit window must be \"minute\", \"hour\", or \"day\", got \"" + m.group(2) + "\"");
            } else if (m.group(1).length() > 12 || Long.parseLong(m.group(1)) < 1) {
                problem(where + ".rate_limit", "rate_limit count must be a positive integer, got \"" + m.group(1) + "\"");
            } else {
                // Intercept expands the shorthand into a counter _rate_<window> checked with lte.
                String counter = "_rate_" + m.group(2);
                state = new InterceptPolicy.State(where + ".rate_limit", counter, m.group(2), 1, null);
                conditions.add(new InterceptPolicy.Cond(where + ".rate_limit", "state." + scope + "." + counter, "lte",
                        IntNode.valueOf(Integer.parseInt(m.group(1)))));
            }
        } else {
            if (conds != null && !conds.isNull()) {
                if (!conds.isArray()) {
                    problem(where + ".conditions", "must be a list");
                } else {
                    for (int i = 0; i < conds.size(); i++) {
                        InterceptPolicy.Cond c = condition(where + ".conditions[" + i + "]", conds.get(i));
                        if (c != null) {
                            conditions.add(c);
                        }
                    }
                }
            }
            if (deny && conds != null && !conds.isNull() && conds.size() > 0) {
                problem(where, "deny rules must not have conditions");
            }
            if (!deny && (conds == null || conds.isNull() || conds.size() == 0)) {
                problem(where, "evaluate rules must have at least one condition");
            }
            if (stateNode != null && !stateNode.isNull()) {
                state = state(where + ".state", stateNode);
            }
        }
        return new InterceptPolicy.Rule(where, name, deny, List.copyOf(conditions), onDeny, state);
    }

    private InterceptPolicy.Cond condition(String where, JsonNode node) {
        if (node == null || !node.isObject()) {
            problem(where, "a condition must be a mapping with path, op and value");
            return null;
        }
        unknown(node, where, COND);
        boolean ok = true;
        JsonNode p = node.get("path");
        String path = p != null && p.isTextual() ? p.textValue() : null;
        if (path == null || !(path.startsWith("args.") || path.startsWith("state."))) {
            problem(where + ".path", "path must start with \"args.\" or \"state.\", got " + (p == null ? "nothing" : p));
            ok = false;
        } else if (path.startsWith("args.") && ArgumentPath.parse(path) == null) {
            problem(where + ".path", "\"" + path + "\" is not a dotted argument path");
            ok = false;
        } else if (path.startsWith("state.") && path.split("\\.", 3).length < 3) {
            problem(where + ".path", "a state path is state.<scope>.<counter>, got \"" + path + "\"");
            ok = false;
        }
        JsonNode o = node.get("op");
        String op = o != null && o.isTextual() ? o.textValue() : null;
        if (op == null || !OPS.contains(op)) {
            problem(where + ".op", "unknown operator " + (o == null ? "(none)" : o));
            return null;
        }
        JsonNode value = node.get("value");
        switch (op) {
            case "in", "not_in" -> {
                if (value == null || !value.isArray()) {
                    problem(where + ".value", "operator \"" + op + "\" requires a list value");
                    ok = false;
                }
            }
            case "lt", "lte", "gt", "gte" -> {
                if (value == null || !value.isNumber()) {
                    problem(where + ".value", "operator \"" + op + "\" requires a numeric value");
                    ok = false;
                }
            }
            case "exists" -> {
                if (value == null || !value.isBoolean()) {
                    problem(where + ".value", "operator \"exists\" requires a boolean value");
                    ok = false;
                }
            }
            case "regex" -> {
                if (value == null || !value.isTextual()) {
                    problem(where + ".value", "regex value must be a string");
                    ok = false;
                } else {
                    try {
                        Pattern.compile(value.textValue());
                    } catch (PatternSyntaxException e) {
                        problem(where + ".value", "invalid regex \"" + value.textValue() + "\": " + e.getMessage());
                        ok = false;
                    }
                }
            }
            default -> {
                if (value == null) {
                    problem(where + ".value", "is required for operator \"" + op + "\"");
                    ok = false;
                }
            }
        }
        return ok ? new InterceptPolicy.Cond(where, path, op, value) : null;
    }

    private InterceptPolicy.State state(String where, JsonNode node) {
        if (!node.isObject()) {
            problem(where, "must be a mapping with counter and window");
            return null;
        }
        unknown(node, where, STATE);
        boolean ok = true;
        JsonNode c = node.get("counter");
        if (c == null || !c.isTextual() || c.textValue().isBlank()) {
            problem(where + ".counter", "counter must not be empty");
            ok = false;
        }
        JsonNode w = node.get("window");
        if (w == null || !w.isTextual() || !WINDOWS.contains(w.textValue())) {
            problem(where + ".window", "window must be \"minute\", \"hour\", or \"day\", got " + (w == null ? "nothing" : w));
            ok = false;
        }
        double increment = 1;
        JsonNode inc = node.get("increment");
        if (inc != null && !inc.isNull()) {
            if (!inc.isNumber() || inc.doubleValue() <= 0) {
                problem(where + ".increment", "must be a positive number, got " + inc);
                ok = false;
            } else {
                increment = inc.doubleValue();
            }
        }
        String from = null;
        JsonNode f = node.get("increment_from");
        if (f != null && !f.isNull()) {
            if (!f.isTextual() || !f.textValue().startsWith("args.") || ArgumentPath.parse(f.textValue()) == null) {
                problem(where + ".increment_from", "increment_from must start with \"args.\", got " + f);
                ok = false;
            } else {
                from = f.textValue();
            }
        }
        return ok ? new InterceptPolicy.State(where, c.textValue(), w.textValue(), increment, from) : null;
    }

    private void unknown(JsonNode node, String where, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(where.isEmpty() ? f : where + "." + f, "unknown field \"" + f + "\" (Intercept allows here: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
