package dev.mcpgateway.policy.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy document (JSON or YAML), validates all of it and compiles it. Validation does
 * not stop at the first problem: an operator fixing a document wants every error at once, each
 * with its JSON pointer.
 */
public final class PolicyParser {
    /** Keys of {@code risk} that name a risk level; every other key names a category. */
    public static final Set<String> RISK_LEVELS = Set.of("low", "medium", "high", "critical");
    /** RE2 is linear in the input, but a huge pattern still costs memory at compile time. */
    static final int MAX_REGEX_LENGTH = 1024;

    private static final Set<String> TOP_FIELDS =
            Set.of("version", "default", "mode", "description", "hide", "tools", "all_tools", "risk",
                    "audit_argument_values", "strict_arguments", "deny_changed_tools");
    private static final Set<String> RULE_FIELDS = Set.of("action", "reason", "require", "deny_if", "limits");
    private static final Set<String> ALL_TOOLS_FIELDS = Set.of("limits");
    private static final Set<String> CONDITION_FIELDS = Set.of("path", "op", "value");
    private static final Set<String> LIMIT_FIELDS = Set.of("counter", "window", "max", "scope", "increment_from");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<ValidationError> errors = new ArrayList<>();

    private PolicyParser() {
    }

    /** Parses JSON, or YAML when {@code yaml} is true. */
    public static PolicyDocument parse(String id, String text, boolean yaml) {
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            throw new PolicyInvalidException(id, List.of(new ValidationError("",
                    "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                            + location(e))));
        }
        return compile(id, root == null ? MissingNode.getInstance() : root);
    }

    /** Validates and compiles an already parsed document; throws with every error found. */
    public static PolicyDocument compile(String id, JsonNode root) {
        PolicyParser p = new PolicyParser();
        PolicyDocument doc = p.document(id, root);
        if (!p.errors.isEmpty()) {
            throw new PolicyInvalidException(id, p.errors);
        }
        return doc;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }

    private PolicyDocument document(String id, JsonNode root) {
        if (!root.isObject()) {
            error("", "a policy document must be an object");
            return null;
        }
        unknownFields(root, "", TOP_FIELDS);

        long version = version(root.get("version"));
        boolean defaultAllow = false;
        JsonNode def = root.get("default");
        if (def != null) {
            if (def.isTextual() && def.textValue().equals("allow")) {
                defaultAllow = true;
            } else if (!(def.isTextual() && def.textValue().equals("deny"))) {
                error("/default", "must be \"allow\" or \"deny\"");
            }
        }
        Mode mode = Mode.ENFORCE;
        JsonNode m = root.get("mode");
        if (m != null) {
            mode = m.isTextual() ? Mode.fromWire(m.textValue()) : null;
            if (mode == null) {
                error("/mode", "must be \"enforce\" or \"monitor\"");
                mode = Mode.ENFORCE;
            }
        }
        JsonNode description = root.get("description");
        if (description != null && !description.isTextual()) {
            error("/description", "must be a string");
        }

        List<Glob> hide = new ArrayList<>();
        JsonNode h = root.get("hide");
        if (h != null) {
            if (!h.isArray()) {
                error("/hide", "must be an array of tool names or globs");
            } else {
                for (int i = 0; i < h.size(); i++) {
                    JsonNode e = h.get(i);
                    if (!e.isTextual() || e.textValue().isEmpty()) {
                        error("/hide/" + i, "must be a non-empty tool name or glob");
                    } else {
                        hide.add(new Glob(e.textValue()));
                    }
                }
            }
        }

        Map<String, ToolRule> exact = new LinkedHashMap<>();
        List<GlobRule> globs = new ArrayList<>();
        JsonNode tools = root.get("tools");
        if (tools != null) {
            if (!tools.isObject()) {
                error("/tools", "must be an object keyed by tool name or glob");
            } else {
                int order = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = tools.fields(); it.hasNext(); order++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    String ptr = JsonPointers.child("/tools", key);
                    if (key.isEmpty()) {
                        error(ptr, "a tool key must not be empty");
                        continue;
                    }
                    ToolRule rule = rule(ptr, key, e.getValue());
                    if (Glob.isGlob(key)) {
                        globs.add(new GlobRule(new Glob(key), rule, order));
                    } else {
                        exact.put(key, rule);
                    }
                }
            }
        }
        // Most specific glob first: more literal characters, then earlier in the document.
        globs.sort(Comparator.comparingInt((GlobRule g) -> -g.glob().literalChars()).thenComparingInt(GlobRule::order));

        Map<String, ToolRule> risk = new LinkedHashMap<>();
        Map<String, ToolRule> category = new LinkedHashMap<>();
        JsonNode r = root.get("risk");
        if (r != null) {
            if (!r.isObject()) {
                error("/risk", "must be an object keyed by risk level (low, medium, high, critical) or category");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String ptr = JsonPointers.child("/risk", e.getKey());
                    if (e.getKey().isEmpty()) {
                        error(ptr, "a risk key must not be empty");
                        continue;
                    }
                    ToolRule rule = rule(ptr, e.getKey(), e.getValue());
                    (RISK_LEVELS.contains(e.getKey()) ? risk : category).put(e.getKey(), rule);
                }
            }
        }

        List<Limit> allLimits = List.of();
        JsonNode all = root.get("all_tools");
        if (all != null) {
            if (!all.isObject()) {
                error("/all_tools", "must be an object");
            } else {
                unknownFields(all, "/all_tools", ALL_TOOLS_FIELDS);
                allLimits = limits("/all_tools/limits", all.get("limits"));
            }
        }

        List<String> auditValues = new ArrayList<>();
        JsonNode av = root.get("audit_argument_values");
        if (av != null) {
            if (!av.isArray()) {
                error("/audit_argument_values", "must be an array of argument paths");
            } else {
                for (int i = 0; i < av.size(); i++) {
                    JsonNode e = av.get(i);
                    if (!e.isTextual() || ArgumentPath.parse(e.textValue()) == null) {
                        error("/audit_argument_values/" + i, "must be an argument path like \"args.campaign_id\"");
                    } else {
                        auditValues.add(e.textValue());
                    }
                }
            }
        }

        boolean strictArguments = flag(root, "strict_arguments");
        boolean denyChangedTools = flag(root, "deny_changed_tools");

        return new PolicyDocument(id, version, mode, defaultAllow, List.copyOf(hide),
                Collections.unmodifiableMap(exact), List.copyOf(globs), Collections.unmodifiableMap(risk),
                Collections.unmodifiableMap(category), allLimits, List.copyOf(auditValues), strictArguments,
                denyChangedTools, root);
    }

    /** An optional top-level boolean option; absent is false. */
    private boolean flag(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            error("/" + field, "must be true or false");
            return false;
        }
        return v.booleanValue();
    }

    private long version(JsonNode v) {
        if (v == null) {
            error("/version", "is required (a positive integer, e.g. \"1\")");
            return 0;
        }
        String s = v.isTextual() ? v.textValue() : v.isIntegralNumber() ? v.asText() : null;
        if (s != null && s.matches("[0-9]{1,18}") && Long.parseLong(s) >= 1) {
            return Long.parseLong(s);
        }
        error("/version", "must be a positive integer, e.g. \"1\"");
        return 0;
    }

    private ToolRule rule(String ptr, String key, JsonNode node) {
        if (!node.isObject()) {
            error(ptr, "a rule must be an object ({} allows the tool)");
            return new ToolRule(ptr, key, Action.DENY, null, List.of(), List.of(), List.of());
        }
        unknownFields(node, ptr, RULE_FIELDS);
        Action action = Action.ALLOW;
        JsonNode a = node.get("action");
        if (a != null) {
            action = a.isTextual() ? Action.fromWire(a.textValue()) : null;
            if (action == null) {
                error(ptr + "/action", "must be one of allow, deny, hide, require_approval");
                action = Action.DENY;
            }
        }
        String reason = null;
        JsonNode rs = node.get("reason");
        if (rs != null) {
            if (!rs.isTextual() || rs.textValue().isBlank()) {
                error(ptr + "/reason", "must be a non-empty string");
            } else {
                reason = rs.textValue();
            }
        }
        List<Condition> require = conditions(ptr + "/require", node.get("require"));
        List<Condition> denyIf = conditions(ptr + "/deny_if", node.get("deny_if"));
        List<Limit> limits = limits(ptr + "/limits", node.get("limits"));
        return new ToolRule(ptr, key, action, reason, require, denyIf, limits);
    }

    private List<Condition> conditions(String ptr, JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            error(ptr, "must be an array of conditions");
            return List.of();
        }
        List<Condition> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Condition c = condition(ptr + "/" + i, node.get(i));
            if (c != null) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private Condition condition(String ptr, JsonNode node) {
        if (!node.isObject()) {
            error(ptr, "a condition must be an object {\"path\", \"op\", \"value\"}");
            return null;
        }
        unknownFields(node, ptr, CONDITION_FIELDS);
        boolean ok = true;
        ArgumentPath path = null;
        JsonNode p = node.get("path");
        if (p == null) {
            error(ptr + "/path", "is required");
            ok = false;
        } else if (!p.isTextual() || (path = ArgumentPath.parse(p.textValue())) == null) {
            error(ptr + "/path", "must be an argument path like \"args.campaign_id\"");
            ok = false;
        }
        Operator op = null;
        JsonNode o = node.get("op");
        if (o == null) {
            error(ptr + "/op", "is required");
            ok = false;
        } else if (!o.isTextual() || (op = Operator.fromWire(o.textValue())) == null) {
            error(ptr + "/op", "unknown operator " + o
                    + "; use one of eq, neq, in, not_in, lt, lte, gt, gte, regex, contains, exists");
            ok = false;
        }
        JsonNode value = node.get("value");
        double number = Double.NaN;
        Pattern regex = null;
        boolean exists = true;
        if (op != null) {
            String vp = ptr + "/value";
            switch (op) {
                case EXISTS:
                    if (value != null && !value.isBoolean()) {
                        error(vp, "must be true or false for exists");
                        ok = false;
                    } else if (value != null) {
                        exists = value.booleanValue();
                    }
                    break;
                case IN:
                case NOT_IN:
                    if (value == null || !value.isArray()) {
                        error(vp, "must be an array for " + op.wire());
                        ok = false;
                    }
                    break;
                case LT:
                case LTE:
                case GT:
                case GTE:
                    if (value == null || !value.isNumber()) {
                        error(vp, "must be a number for " + op.wire());
                        ok = false;
                    } else {
                        number = value.doubleValue();
                    }
                    break;
                case REGEX:
                    if (value == null || !value.isTextual()) {
                        error(vp, "must be a regular expression string");
                        ok = false;
                    } else if (value.textValue().length() > MAX_REGEX_LENGTH) {
                        error(vp, "regular expression longer than " + MAX_REGEX_LENGTH + " characters");
                        ok = false;
                    } else {
                        try {
                            regex = Pattern.compile(value.textValue());
                        } catch (PatternSyntaxException e) {
                            error(vp, "invalid regular expression: " + e.getMessage());
                            ok = false;
                        }
                    }
                    break;
                case CONTAINS:
                    if (value == null || !value.isValueNode() || value.isNull()) {
                        error(vp, "must be a string, number or boolean for contains");
                        ok = false;
                    }
                    break;
                default: // eq, neq
                    if (value == null || value.isNull()) {
                        error(vp, "is required for " + op.wire() + " (use exists to test for absence)");
                        ok = false;
                    }
            }
        }
        return ok ? new Condition(ptr, path, op, value, number, regex, exists) : null;
    }

    private List<Limit> limits(String ptr, JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            error(ptr, "must be an array of limits");
            return List.of();
        }
        List<Limit> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Limit l = limit(ptr + "/" + i, node.get(i));
            if (l != null) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    private Limit limit(String ptr, JsonNode node) {
        if (!node.isObject()) {
            error(ptr, "a limit must be an object {\"counter\", \"window\", \"max\", \"scope\"}");
            return null;
        }
        unknownFields(node, ptr, LIMIT_FIELDS);
        boolean ok = true;
        JsonNode c = node.get("counter");
        if (c == null || !c.isTextual() || c.textValue().isBlank()) {
            error(ptr + "/counter", "is required: a non-empty counter name");
            ok = false;
        }
        Window window = null;
        JsonNode w = node.get("window");
        if (w == null) {
            error(ptr + "/window", "is required: second, minute, hour or day");
            ok = false;
        } else if (!w.isTextual() || (window = Window.fromWire(w.textValue())) == null) {
            error(ptr + "/window", "unknown window " + w + "; use second, minute, hour or day");
            ok = false;
        }
        long max = 0;
        JsonNode mx = node.get("max");
        if (mx == null) {
            error(ptr + "/max", "is required: an integer of at least 1");
            ok = false;
        } else if (!mx.isIntegralNumber() || !mx.canConvertToLong() || mx.longValue() < 1) {
            error(ptr + "/max", "must be an integer of at least 1, got " + mx);
            ok = false;
        } else {
            max = mx.longValue();
        }
        Scope scope = Scope.GRANT;
        JsonNode s = node.get("scope");
        if (s != null && (!s.isTextual() || (scope = Scope.fromWire(s.textValue())) == null)) {
            error(ptr + "/scope", "unknown scope " + s + "; use grant, session or global");
            ok = false;
        }
        ArgumentPath inc = null;
        JsonNode i = node.get("increment_from");
        if (i != null && (!i.isTextual() || (inc = ArgumentPath.parse(i.textValue())) == null)) {
            error(ptr + "/increment_from", "must be an argument path like \"args.amount\"");
            ok = false;
        }
        return ok ? new Limit(ptr, c.textValue(), window, max, scope, inc) : null;
    }

    private void unknownFields(JsonNode node, String ptr, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                error(JsonPointers.child(ptr, f), "unknown field \"" + f + "\"; allowed here: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
