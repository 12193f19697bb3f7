package dev.mcpgateway.policy.cli;

import dev.mcpgateway.policy.document.Condition;
import dev.mcpgateway.policy.document.Glob;
import dev.mcpgateway.policy.document.GlobRule;
import dev.mcpgateway.policy.document.Limit;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.ToolRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The difference between two versions of a policy in rule terms, as a reviewer reads it:
 * {@code smartlead_delete_campaign: allow → require_approval}, {@code limits of x: 10/minute → 5/minute},
 * added and removed tools, default and mode changes. Works on compiled documents, so formatting,
 * key order and YAML versus JSON never show up as a change.
 */
public final class PolicyDiff {
    private PolicyDiff() {
    }

    public static List<String> diff(PolicyDocument a, PolicyDocument b) {
        List<String> out = new ArrayList<>();
        if (a.defaultAllow() != b.defaultAllow()) {
            out.add("default: " + allowDeny(a.defaultAllow()) + " → " + allowDeny(b.defaultAllow()));
        }
        if (a.mode() != b.mode()) {
            out.add("mode: " + a.mode().wire() + " → " + b.mode().wire());
        }
        if (a.strictArguments() != b.strictArguments()) {
            out.add("strict_arguments: " + a.strictArguments() + " → " + b.strictArguments());
        }
        if (a.denyChangedTools() != b.denyChangedTools()) {
            out.add("deny_changed_tools: " + a.denyChangedTools() + " → " + b.denyChangedTools());
        }
        setDiff(out, "hide", names(a.hide()), names(b.hide()));
        rules(out, "", tools(a), tools(b));
        rules(out, "risk ", a.riskRules(), b.riskRules());
        rules(out, "category ", a.categoryRules(), b.categoryRules());
        limits(out, "all tools", a.allToolsLimits(), b.allToolsLimits());
        setDiff(out, "audit_argument_values", new LinkedHashSet<>(a.auditArgumentValues()),
                new LinkedHashSet<>(b.auditArgumentValues()));
        if (a.version() != b.version() && !out.isEmpty()) {
            out.add(0, "version: " + a.version() + " → " + b.version());
        }
        return out;
    }

    /** Exact and glob tool keys in document order of the compiled maps. */
    private static Map<String, ToolRule> tools(PolicyDocument p) {
        Map<String, ToolRule> m = new LinkedHashMap<>(p.exactTools());
        for (GlobRule g : p.globTools()) {
            m.put(g.glob().pattern(), g.rule());
        }
        return m;
    }

    private static void rules(List<String> out, String prefix, Map<String, ToolRule> a, Map<String, ToolRule> b) {
        for (Map.Entry<String, ToolRule> e : a.entrySet()) {
            ToolRule nr = b.get(e.getKey());
            String label = prefix + e.getKey();
            if (nr == null) {
                out.add(label + ": removed (was " + summary(e.getValue()) + ")");
            } else {
                rule(out, label, e.getValue(), nr);
            }
        }
        for (Map.Entry<String, ToolRule> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                out.add(prefix + e.getKey() + ": added (" + summary(e.getValue()) + ")");
            }
        }
    }

    private static void rule(List<String> out, String label, ToolRule a, ToolRule b) {
        if (a.action() != b.action()) {
            out.add(label + ": " + a.action().wire() + " → " + b.action().wire());
        }
        if (!Objects.equals(a.reason(), b.reason())) {
            out.add(label + ": reason " + quoted(a.reason()) + " → " + quoted(b.reason()));
        }
        setDiff(out, label + ": require", conditions(a.require()), conditions(b.require()));
        setDiff(out, label + ": deny_if", conditions(a.denyIf()), conditions(b.denyIf()));
        limits(out, label, a.limits(), b.limits());
    }

    private static void limits(List<String> out, String label, List<Limit> a, List<Limit> b) {
        Map<String, Limit> old = byCounter(a);
        Map<String, Limit> neu = byCounter(b);
        for (Map.Entry<String, Limit> e : old.entrySet()) {
            Limit n = neu.get(e.getKey());
            if (n == null) {
                out.add("limits of " + label + ": removed " + shortForm(e.getValue()) + " (counter " + e.getKey() + ")");
            } else if (!shortForm(e.getValue()).equals(shortForm(n))) {
                out.add("limits of " + label + ": " + shortForm(e.getValue()) + " → " + shortForm(n)
                        + (old.size() > 1 || neu.size() > 1 ? " (counter " + e.getKey() + ")" : ""));
            }
        }
        for (Map.Entry<String, Limit> e : neu.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                out.add("limits of " + label + ": added " + shortForm(e.getValue()) + " (counter " + e.getKey() + ")");
            }
        }
    }

    private static Map<String, Limit> byCounter(List<Limit> limits) {
        Map<String, Limit> m = new LinkedHashMap<>();
        for (Limit l : limits) {
            m.put(l.counter(), l);
        }
        return m;
    }

    /** {@code 10/minute}, {@code 1000 of args.amount/day per session}. */
    static String shortForm(Limit l) {
        StringBuilder sb = new StringBuilder().append(l.max());
        if (l.incrementFrom() != null) {
            sb.append(" of ").append(l.incrementFrom().text());
        }
        sb.append('/').append(l.window().wire());
        if (l.scope() == Scope.SESSION) {
            sb.append(" per session");
        } else if (l.scope() == Scope.GLOBAL) {
            sb.append(" in total");
        }
        return sb.toString();
    }

    static String summary(ToolRule r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.action().wire());
        for (Condition c : r.require()) {
            parts.add("requires " + c.describe());
        }
        for (Condition c : r.denyIf()) {
            parts.add("deny if " + c.describe());
        }
        for (Limit l : r.limits()) {
            parts.add(shortForm(l));
        }
        return String.join(", ", parts);
    }

    private static void setDiff(List<String> out, String label, Set<String> a, Set<String> b) {
        for (String s : a) {
            if (!b.contains(s)) {
                out.add(label + " removed: " + s);
            }
        }
        for (String s : b) {
            if (!a.contains(s)) {
                out.add(label + " added: " + s);
            }
        }
    }

    private static Set<String> conditions(List<Condition> cs) {
        Set<String> s = new LinkedHashSet<>();
        cs.forEach(c -> s.add(c.describe()));
        return s;
    }

    private static Set<String> names(List<Glob> globs) {
        Set<String> s = new LinkedHashSet<>();
        globs.forEach(g -> s.add(g.pattern()));
        return s;
    }

    private static String allowDeny(boolean allow) {
        return allow ? "allow" : "deny";
    }

    private static String quoted(String s) {
        return s == null ? "(generated)" : "\"" + s + "\"";
    }
}
