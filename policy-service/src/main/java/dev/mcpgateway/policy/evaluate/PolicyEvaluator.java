package dev.mcpgateway.policy.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.policy.document.Action;
import dev.mcpgateway.policy.document.Condition;
import dev.mcpgateway.policy.document.Glob;
import dev.mcpgateway.policy.document.GlobRule;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.ToolRule;
import java.util.List;

/**
 * Evaluates a call against a compiled policy. Pure and stateless: counters are charged afterwards
 * by the limit package, so explain can run the very same code without touching them.
 *
 * <p>Precedence, most specific first: {@code hide} (always wins: a hidden tool does not exist for
 * the agent), then {@code deny_changed_tools} (a tool whose definition changed in the catalog and is not accepted
 * yet is denied whatever its rule says: a rug pull must not ride on an allow written for the old definition), then
 * the exact tool key, then glob keys (more literal characters first, then document
 * order), then a {@code risk} rule for the tool's catalog category, then one for its risk level,
 * then {@code default}. Within the winning rule: {@code action: hide|deny}, then each
 * {@code require} condition, then each {@code deny_if}, then {@code action: require_approval}.
 *
 * <p>Runs on every tool call: with {@code trace == null} it allocates only the result (and a
 * reason string on refusal).
 */
public final class PolicyEvaluator {
    /** The rule that denies a tool whose definition changed unaccepted. */
    public static final String CHANGED_RULE = "/deny_changed_tools";

    private PolicyEvaluator() {
    }

    public static Evaluation evaluate(PolicyDocument p, String tool, JsonNode args, ToolFacts facts, Trace trace) {
        String hiddenBy = hiddenBy(p, tool, trace);
        if (hiddenBy != null) {
            return new Evaluation(Verdict.DENY, hiddenBy, unknownTool(tool), null, true);
        }
        if (p.denyChangedTools()) {
            note(trace, CHANGED_RULE, facts.changed(), facts.changed()
                    ? "deny_changed_tools: the tool's definition changed and no operator has accepted it yet"
                    : "deny_changed_tools: the tool's definition is the accepted one");
            if (facts.changed()) {
                return new Evaluation(Verdict.DENY, CHANGED_RULE, "Tool '" + tool + "' is denied by policy '" + p.id()
                        + "': its definition changed and has not been accepted by an operator yet.", null, false);
            }
        }
        ToolRule rule = winningRule(p, tool, facts, trace);
        if (rule == null) {
            if (trace != null) {
                trace.consider("/default", true, "no rule names this tool; default is " + (p.defaultAllow() ? "allow" : "deny"));
            }
            return p.defaultAllow()
                    ? new Evaluation(Verdict.ALLOW, "/default", "", null, false)
                    : new Evaluation(Verdict.DENY, "/default", "Tool '" + tool + "' is not allowed by policy '" + p.id()
                            + "' (default: deny).", null, false);
        }
        if (trace != null) {
            trace.consider("/default", false, "a more specific rule applies: " + rule.pointer());
        }
        if (rule.action() == Action.HIDE) {
            String actionPtr = rule.pointer() + "/action";
            note(trace, actionPtr, true, "action is hide: the tool is treated as unknown");
            return new Evaluation(Verdict.DENY, actionPtr, unknownTool(tool), rule, true);
        }
        if (rule.action() == Action.DENY) {
            String actionPtr = rule.pointer() + "/action";
            note(trace, actionPtr, true, "action is deny");
            return new Evaluation(Verdict.DENY, actionPtr, reasonOr(rule,
                    "Tool '" + tool + "' is denied by policy '" + p.id() + "'."), rule, false);
        }
        List<Condition> require = rule.require();
        for (int i = 0; i < require.size(); i++) {
            Condition c = require.get(i);
            boolean holds = c.test(args);
            if (trace != null) {
                trace.consider(c.pointer(), !holds, (holds ? "required condition holds: "
                        : "required condition fails: ") + c.describe());
            }
            if (!holds) {
                return new Evaluation(Verdict.DENY, c.pointer(), reasonOr(rule, "Tool '" + tool
                        + "' refused by policy '" + p.id() + "': requires " + c.describe() + "."), rule, false);
            }
        }
        List<Condition> denyIf = rule.denyIf();
        for (int i = 0; i < denyIf.size(); i++) {
            Condition c = denyIf.get(i);
            boolean holds = c.test(args);
            if (trace != null) {
                trace.consider(c.pointer(), holds, (holds ? "deny_if condition holds: "
                        : "deny_if condition does not hold: ") + c.describe());
            }
            if (holds) {
                return new Evaluation(Verdict.DENY, c.pointer(), reasonOr(rule, "Tool '" + tool
                        + "' refused by policy '" + p.id() + "': " + c.describe() + "."), rule, false);
            }
        }
        if (rule.action() == Action.REQUIRE_APPROVAL) {
            String actionPtr = rule.pointer() + "/action";
            note(trace, actionPtr, true, "action is require_approval");
            return new Evaluation(Verdict.APPROVAL_REQUIRED, actionPtr, reasonOr(rule,
                    "Tool '" + tool + "' requires human approval under policy '" + p.id() + "'."), rule, false);
        }
        return new Evaluation(Verdict.ALLOW, rule.pointer(), "", rule, false);
    }

    /** Whether tools/list should drop the tool for this policy. */
    public static boolean isHidden(PolicyDocument p, String tool, ToolFacts facts) {
        if (hiddenBy(p, tool, null) != null) {
            return true;
        }
        ToolRule rule = winningRule(p, tool, facts, null);
        return rule != null && rule.action() == Action.HIDE;
    }

    private static String hiddenBy(PolicyDocument p, String tool, Trace trace) {
        List<Glob> hide = p.hide();
        String found = null;
        for (int i = 0; i < hide.size(); i++) {
            boolean m = hide.get(i).matches(tool);
            if (m && found == null) {
                found = "/hide/" + i;
                if (trace == null) {
                    return found;
                }
                trace.consider(found, true, "'" + hide.get(i) + "' hides the tool: it is treated as unknown");
            } else if (trace != null) {
                trace.consider("/hide/" + i, false, m ? "also matches, an earlier entry decided"
                        : "'" + hide.get(i) + "' does not match");
            }
        }
        return found;
    }

    private static ToolRule winningRule(PolicyDocument p, String tool, ToolFacts facts, Trace trace) {
        ToolRule winner = p.exactTools().get(tool);
        if (trace != null) {
            if (winner != null) {
                trace.consider(winner.pointer(), true, "exact tool key: the most specific rule");
            }
        } else if (winner != null) {
            return winner;
        }
        List<GlobRule> globs = p.globTools();
        for (int i = 0; i < globs.size(); i++) {
            GlobRule g = globs.get(i);
            if (g.glob().matches(tool)) {
                if (winner == null) {
                    winner = g.rule();
                    if (trace == null) {
                        return winner;
                    }
                    trace.consider(g.rule().pointer(), true, "glob '" + g.glob() + "' matches and is the most specific match");
                } else if (trace != null) {
                    trace.consider(g.rule().pointer(), false, "glob '" + g.glob() + "' matches, but "
                            + winner.pointer() + " is more specific");
                }
            } else if (trace != null) {
                trace.consider(g.rule().pointer(), false, "glob '" + g.glob() + "' does not match");
            }
        }
        winner = byFact(p.categoryRules().get(facts.category()), winner, "category", facts.category(), trace);
        if (winner != null && trace == null) {
            return winner;
        }
        winner = byFact(p.riskRules().get(facts.risk()), winner, "risk", facts.risk(), trace);
        if (trace != null) {
            riskRulesNotMatching(p, facts, trace);
        }
        return winner;
    }

    private static ToolRule byFact(ToolRule candidate, ToolRule winner, String kind, String value, Trace trace) {
        if (candidate == null) {
            return winner;
        }
        if (winner == null) {
            if (trace != null) {
                trace.consider(candidate.pointer(), true, "the catalog's " + kind + " of the tool is '" + value + "'");
            }
            return candidate;
        }
        if (trace != null) {
            trace.consider(candidate.pointer(), false, "the catalog's " + kind + " is '" + value + "', but "
                    + winner.pointer() + " is more specific");
        }
        return winner;
    }

    private static void riskRulesNotMatching(PolicyDocument p, ToolFacts facts, Trace trace) {
        for (ToolRule r : p.categoryRules().values()) {
            if (!r.key().equals(facts.category())) {
                trace.consider(r.pointer(), false, "the catalog's category of the tool is '"
                        + (facts.category().isEmpty() ? "unknown" : facts.category()) + "'");
            }
        }
        for (ToolRule r : p.riskRules().values()) {
            if (!r.key().equals(facts.risk())) {
                trace.consider(r.pointer(), false, "the catalog's risk of the tool is '"
                        + (facts.risk().isEmpty() ? "unknown" : facts.risk()) + "'");
            }
        }
    }

    private static void note(Trace trace, String rule, boolean matched, String why) {
        if (trace != null) {
            trace.consider(rule, matched, why);
        }
    }

    private static String reasonOr(ToolRule rule, String generated) {
        return rule.reason() != null ? rule.reason() : generated;
    }

    private static String unknownTool(String tool) {
        return "Unknown tool '" + tool + "'.";
    }
}
