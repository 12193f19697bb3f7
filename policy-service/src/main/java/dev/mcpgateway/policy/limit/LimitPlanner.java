package dev.mcpgateway.policy.limit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.policy.document.JsonValues;
import dev.mcpgateway.policy.document.Limit;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.ToolRule;
import java.util.ArrayList;
import java.util.List;

/** Turns the limits that apply to an allowed call (the winning rule's, then all_tools') into charges. */
public final class LimitPlanner {
    private static final String GLOBAL = "*";

    private LimitPlanner() {
    }

    public static LimitPlan plan(PolicyDocument p, ToolRule winner, String grantId, String sessionId,
                                 JsonNode args, long nowMillis) {
        List<Limit> own = winner == null ? List.of() : winner.limits();
        List<Limit> all = p.allToolsLimits();
        int n = own.size() + all.size();
        if (n == 0) {
            return LimitPlan.NONE;
        }
        List<Charge> charges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Limit l = i < own.size() ? own.get(i) : all.get(i - own.size());
            long amount = amount(l, args);
            if (amount < 0) {
                return new LimitPlan(List.of(), l, unchargeable(l, args));
            }
            long start = l.window().start(nowMillis);
            String scopeValue = l.scope() == Scope.GRANT ? grantId : l.scope() == Scope.SESSION ? sessionId : GLOBAL;
            CounterKey key = new CounterKey(p.id(), l.counter(), l.window(), l.scope(), scopeValue == null ? "" : scopeValue);
            charges.add(new Charge(key, start, start + l.window().millis(), amount, l.max(), l));
        }
        return new LimitPlan(charges, null, null);
    }

    /**
     * What one call charges {@code l}: 1, or its {@code increment_from} argument rounded up; -1 when that argument is
     * missing or not a non-negative number ({@link #unchargeable} says which). Decide and an approver's edit
     * (re-planning the held reservation) use the same rule.
     */
    public static long amount(Limit l, JsonNode args) {
        if (l.incrementFrom() == null) {
            return 1;
        }
        double d = JsonValues.number(l.incrementFrom().resolve(args));
        if (Double.isNaN(d) || d < 0 || Double.isInfinite(d)) {
            return -1;
        }
        return (long) Math.ceil(d);
    }

    /** Why {@link #amount} is -1 for these arguments. */
    public static String unchargeable(Limit l, JsonNode args) {
        return l.incrementFrom().resolve(args) == null
                ? "argument " + l.incrementFrom().text() + " is required by limit '" + l.counter() + "'"
                : "argument " + l.incrementFrom().text() + " must be a non-negative number for limit '" + l.counter() + "'";
    }

    /** "Rate limit 'x' reached: 10 calls per minute per grant. Retry in 42 s." */
    public static String refusal(Charge c, long used, long retryAfterMillis) {
        Limit l = c.limit();
        StringBuilder sb = new StringBuilder(96).append("Rate limit '").append(l.counter()).append("' reached: ")
                .append(l.describe());
        if (l.incrementFrom() != null) {
            sb.append(" (used ").append(used).append(", this call needs ").append(c.amount()).append(')');
        }
        return sb.append(". Retry in ").append(retrySeconds(retryAfterMillis)).append(" s.").toString();
    }

    public static long retrySeconds(long retryAfterMillis) {
        return Math.max(1, (retryAfterMillis + 999) / 1000);
    }
}
