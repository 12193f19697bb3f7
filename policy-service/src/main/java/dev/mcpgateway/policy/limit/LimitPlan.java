package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.document.Limit;
import java.util.List;

/**
 * The charges one call must make, or why it cannot be charged: a spend limit whose
 * {@code increment_from} argument is missing or not a non-negative number refuses the call
 * (fail closed: an unknown amount could exceed any cap).
 */
public record LimitPlan(List<Charge> charges, Limit unchargeable, String why) {
    public static final LimitPlan NONE = new LimitPlan(List.of(), null, null);

    public boolean chargeable() {
        return unchargeable == null;
    }
}
