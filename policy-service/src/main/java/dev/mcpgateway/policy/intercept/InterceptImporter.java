package dev.mcpgateway.policy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.policy.document.Glob;
import dev.mcpgateway.policy.document.PolicyInvalidException;
import dev.mcpgateway.policy.document.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts an Intercept policy (PolicyLayer's MCP proxy) into our document format, with a report of
 * everything that did not carry over. All or nothing: the file is validated completely first, and the
 * result must pass our own parser, or nothing is returned.
 *
 * <p>How the semantics map: Intercept ANDs every rule of a tool and then every wildcard ({@code "*"})
 * rule; here a tool has one rule, so the tool's {@code args.*} conditions and the wildcard's become its
 * {@code require} list, in Intercept's order. A counter cap ({@code state.<scope>.<counter>} with
 * {@code lte}/{@code lt}, or {@code rate_limit}) becomes a limit: the tool's own for tool counters,
 * {@code all_tools.limits} for {@code _global} (wildcard) counters, which Intercept also applies to
 * every call it lets through. With {@code default: allow} the wildcard's conditions also become a
 * {@code "*"} glob rule for the tools the file does not list; with {@code default: deny} unlisted tools
 * are refused, as in Intercept.
 */
public final class InterceptImporter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final InterceptPolicy source;
    private final List<ImportNote> notes = new ArrayList<>();
    /** scope ("create_issue" or "_global") → counter → limit JSON, the tightest cap per counter. */
    private final Map<String, Map<String, ObjectNode>> limits = new LinkedHashMap<>();

    private InterceptImporter(InterceptPolicy source) {
        this.source = source;
    }

    /**
     * @throws InterceptFormatException when the file is not a valid Intercept policy, or cannot be
     *                                  expressed at all; nothing is imported then
     */
    public static ImportResult importYaml(String yaml, String policyId) {
        InterceptImporter i = new InterceptImporter(InterceptReader.read(yaml));
        ObjectNode doc = i.convert();
        try {
            PolicyParser.compile(policyId, doc);
        } catch (PolicyInvalidException e) {
            List<String> problems = new ArrayList<>();
            e.errors().forEach(err -> problems.add("the converted document does not validate at "
                    + (err.pointer().isEmpty() ? "(document)" : err.pointer()) + ": " + err.message()));
            throw new InterceptFormatException(problems);
        }
        return new ImportResult(doc, List.copyOf(i.notes));
    }

    private void note(ImportNote.Kind kind, String where, String message) {
        notes.add(new ImportNote(kind, where, message));
    }

    private ObjectNode convert() {
        counterCaps();
        ObjectNode doc = NODES.objectNode();
        doc.put("version", "1");
        doc.put("default", source.defaultDeny() ? "deny" : "allow");
        doc.put("description", source.description() != null ? source.description() : "Imported from an Intercept policy");
        if (!source.hide().isEmpty()) {
            ArrayNode hide = doc.putArray("hide");
            for (int i = 0; i < source.hide().size(); i++) {
                String h = source.hide().get(i);
                globNote("hide[" + i + "]", h);
                hide.add(h);
            }
        }
        List<InterceptPolicy.Rule> wildcard = source.tools().getOrDefault(InterceptPolicy.WILDCARD, List.of());
        ObjectNode tools = NODES.objectNode();
        source.tools().forEach((tool, rules) -> {
            if (!tool.equals(InterceptPolicy.WILDCARD)) {
                globNote("tools." + tool, tool);
                List<InterceptPolicy.Rule> effective = new ArrayList<>(rules);
                effective.addAll(wildcard);
                tools.set(tool, rule("tools." + tool, effective, limits.getOrDefault(tool, Map.of())));
            }
        });
        boolean wildcardDecides = wildcard.stream().anyMatch(r -> r.deny()
                || r.conditions().stream().anyMatch(c -> !c.onState()));
        if (wildcardDecides && !source.defaultDeny()) {
            // Intercept applies the wildcard's rules to unlisted tools too when the posture is allow.
            tools.set(InterceptPolicy.WILDCARD, rule("tools.\"*\"", wildcard, Map.of()));
        }
        if (tools.size() > 0) {
            doc.set("tools", tools);
        }
        Map<String, ObjectNode> global = limits.getOrDefault(InterceptPolicy.GLOBAL_SCOPE, Map.of());
        if (!global.isEmpty()) {
            ArrayNode all = doc.putObject("all_tools").putArray("limits");
            global.values().forEach(all::add);
        }
        if (!limits.isEmpty()) {
            note(ImportNote.Kind.INFO, "", "counters are kept per grant (each agent's credential), where Intercept "
                    + "counts per running proxy; counter names are <tool>.<counter> (wildcard: _global.<counter>)");
        }
        return doc;
    }

    /** One of our rules from Intercept rules that must all pass. */
    private ObjectNode rule(String where, List<InterceptPolicy.Rule> rules, Map<String, ObjectNode> ownLimits) {
        ObjectNode out = NODES.objectNode();
        for (InterceptPolicy.Rule r : rules) {
            if (r.deny()) {
                out.put("action", "deny");
                if (r.onDeny() != null) {
                    out.put("reason", r.onDeny());
                }
                return out;
            }
        }
        ArrayNode require = NODES.arrayNode();
        Set<String> messages = new LinkedHashSet<>();
        boolean everyArgRuleHasMessage = true;
        for (InterceptPolicy.Rule r : rules) {
            boolean hasArgs = false;
            for (InterceptPolicy.Cond c : r.conditions()) {
                if (!c.onState()) {
                    ObjectNode converted = argCondition(c);
                    if (converted != null) {
                        require.add(converted);
                        hasArgs = true;
                    }
                }
            }
            if (hasArgs) {
                if (r.onDeny() == null) {
                    everyArgRuleHasMessage = false;
                } else {
                    messages.add(r.onDeny());
                }
            }
        }
        if (messages.size() == 1 && everyArgRuleHasMessage) {
            out.put("reason", messages.iterator().next());
        } else if (!messages.isEmpty()) {
            note(ImportNote.Kind.CHANGED, where, "on_deny messages " + messages + " not carried over: a rule here has "
                    + "one reason for all its conditions, so refusals name the failing condition instead");
        }
        if (!require.isEmpty()) {
            out.set("require", require);
        }
        if (!ownLimits.isEmpty()) {
            ArrayNode l = out.putArray("limits");
            ownLimits.values().forEach(l::add);
        }
        return out;
    }

    private ObjectNode argCondition(InterceptPolicy.Cond c) {
        ObjectNode out = NODES.objectNode();
        out.put("path", c.path());
        JsonNode value = c.value();
        String op = c.op();
        if ((op.equals("eq") || op.equals("neq")) && value.isNull()) {
            // Our eq/neq need a value; "equals null" means absent here (absent and null are the same).
            out.put("op", "exists");
            out.set("value", BooleanNode.valueOf(op.equals("neq")));
            note(ImportNote.Kind.CHANGED, c.where(), op + " null written as exists " + op.equals("neq"));
            return out;
        }
        if (op.equals("contains") && (value.isContainerNode() || value.isNull())) {
            note(ImportNote.Kind.DROPPED, c.where(), "contains with a list or mapping value has no equivalent; "
                    + "condition on " + c.path() + " not carried over (the imported rule is less restrictive)");
            return null;
        }
        out.put("op", op);
        out.set("value", value);
        return out;
    }

    /** Turns every counter condition into a limit, or reports why it cannot be one. */
    private void counterCaps() {
        Map<String, InterceptPolicy.State> states = new LinkedHashMap<>();
        source.tools().forEach((tool, rules) -> rules.forEach(r -> {
            if (r.state() != null) {
                states.put(InterceptReader.scopeOf(tool) + "." + r.state().counter(), r.state());
            }
        }));
        Set<String> capped = new LinkedHashSet<>();
        source.tools().forEach((tool, rules) -> {
            String scope = InterceptReader.scopeOf(tool);
            for (InterceptPolicy.Rule r : rules) {
                boolean limitsHere = false;
                for (InterceptPolicy.Cond c : r.conditions()) {
                    if (!c.onState()) {
                        continue;
                    }
                    String key = c.scope() + "." + c.counter();
                    if (!c.scope().equals(scope)) {
                        note(ImportNote.Kind.DROPPED, c.where(), "checks counter " + key + " of another scope; "
                                + "not carried over (the imported rule is less restrictive)");
                    } else if (!c.op().equals("lte") && !c.op().equals("lt")) {
                        note(ImportNote.Kind.DROPPED, c.where(), "state condition " + c.path() + " " + c.op() + " "
                                + c.value() + " is not a counter cap (only lte and lt are); not carried over");
                    } else {
                        cap(scope, c, states.get(key));
                        capped.add(key);
                        limitsHere = true;
                    }
                }
                if (limitsHere && r.onDeny() != null) {
                    note(ImportNote.Kind.CHANGED, r.where(), "on_deny \"" + r.onDeny() + "\" not used when the limit "
                            + "refuses: the gateway's rate-limit message says which limit and when to retry");
                }
            }
        });
        states.forEach((key, s) -> {
            if (!capped.contains(key)) {
                note(ImportNote.Kind.INFO, s.where(), "counter " + key + " is counted but no condition caps it; "
                        + "nothing to carry over");
            }
        });
    }

    private void cap(String scope, InterceptPolicy.Cond c, InterceptPolicy.State s) {
        double v = c.value().doubleValue();
        double inc = s.incrementFrom() != null ? 1 : s.increment();
        // The cap applies to the value after this call's increment (Intercept reserves, then checks).
        double calls = v / inc;
        long max = c.op().equals("lte") ? (long) Math.floor(calls + 1e-9) : (long) Math.ceil(calls - 1e-9) - 1;
        if (max < 1) {
            throw new InterceptFormatException(List.of(c.where() + ": the cap " + c.op() + " " + c.value()
                    + " lets no call through; write action: deny instead"));
        }
        if (inc != 1) {
            note(ImportNote.Kind.CHANGED, s.where(), "increment " + number(s.increment()) + " with cap " + c.op() + " "
                    + c.value() + " written as at most " + max + " calls");
        }
        if (s.incrementFrom() != null) {
            note(ImportNote.Kind.INFO, s.where(), "amounts from " + s.incrementFrom() + " are rounded up, and a call "
                    + "without a non-negative " + s.incrementFrom() + " is refused");
        }
        String counter = scope + "." + s.counter();
        Map<String, ObjectNode> forScope = limits.computeIfAbsent(scope, k -> new LinkedHashMap<>());
        ObjectNode existing = forScope.get(counter);
        if (existing != null && existing.get("max").asLong() <= max) {
            return;
        }
        ObjectNode l = NODES.objectNode();
        l.put("counter", counter);
        l.put("window", s.window());
        l.put("max", max);
        l.put("scope", "grant");
        if (s.incrementFrom() != null) {
            l.put("increment_from", s.incrementFrom());
        }
        forScope.put(counter, l);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private void globNote(String where, String name) {
        if (!name.equals(InterceptPolicy.WILDCARD) && Glob.isGlob(name)) {
            note(ImportNote.Kind.CHANGED, where, "'" + name + "' contains * or ?, which match patterns here "
                    + "(Intercept compares names exactly)");
        }
    }
}
