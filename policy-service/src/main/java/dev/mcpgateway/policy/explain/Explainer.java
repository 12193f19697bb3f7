package dev.mcpgateway.policy.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.evaluate.Evaluation;
import dev.mcpgateway.policy.evaluate.PolicyEvaluator;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.evaluate.Verdict;
import dev.mcpgateway.policy.limit.Charge;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.LimitPlan;
import dev.mcpgateway.policy.limit.LimitPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the decision code of Decide with a trace and reads, never charges, the counters. Limits are
 * checked one by one against their current values; Decide checks them together, which gives the
 * same answer unless two limits share a counter.
 */
public final class Explainer {
    private final CounterStore counters;

    public Explainer(CounterStore counters) {
        this.counters = counters;
    }

    public Explanation explain(PolicyDocument p, String grantId, String sessionId, String tool, JsonNode args,
                               ToolFacts facts, long nowMillis) {
        List<Explanation.Considered> considered = new ArrayList<>();
        Evaluation ev = PolicyEvaluator.evaluate(p, tool, args, facts,
                (rule, matched, why) -> considered.add(new Explanation.Considered(rule, matched, why)));
        String decision = ev.verdict().name();
        String rule = ev.rule();
        String reason = ev.reason();
        List<Explanation.LimitState> limits = new ArrayList<>();
        if (ev.verdict() == Verdict.ALLOW) {
            LimitPlan plan = LimitPlanner.plan(p, ev.winner(), grantId, sessionId, args, nowMillis);
            if (!plan.chargeable()) {
                decision = Verdict.DENY.name();
                rule = plan.unchargeable().pointer() + "/increment_from";
                reason = "Tool '" + tool + "' refused by policy '" + p.id() + "': " + plan.why() + ".";
                considered.add(new Explanation.Considered(rule, true, plan.why()));
            }
            for (Charge c : plan.charges()) {
                long used = counters.current(c.key(), c.windowStart());
                boolean exceeds = used + c.amount() > c.max();
                long retry = exceeds ? c.windowEnd() - nowMillis : 0;
                limits.add(new Explanation.LimitState(c.limit().pointer(), c.limit().counter(), c.limit().window().wire(),
                        c.limit().scope().wire(), c.max(), used, c.amount(), Math.max(0, c.max() - used - (exceeds ? 0 : c.amount())),
                        exceeds, retry));
                considered.add(new Explanation.Considered(c.limit().pointer(), exceeds, exceeds
                        ? "would exceed: " + used + " used of " + c.limit().describe() + ", this call adds " + c.amount()
                        : "within limit: " + used + " used of " + c.limit().describe() + ", this call adds " + c.amount()));
                if (exceeds && !"RATE_LIMITED".equals(decision) && plan.chargeable()) {
                    decision = "RATE_LIMITED";
                    rule = c.limit().pointer();
                    reason = LimitPlanner.refusal(c, used, retry);
                }
            }
        }
        return new Explanation(p.id(), p.version(), p.mode().wire(), decision, rule, reason, facts.risk(),
                facts.category(), considered, limits);
    }
}
