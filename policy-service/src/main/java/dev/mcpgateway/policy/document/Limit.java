package dev.mcpgateway.policy.document;

/**
 * A rate or spend limit.
 *
 * @param pointer       where it sits, e.g. {@code /tools/x/limits/0}
 * @param incrementFrom when set, each call adds this argument's value instead of 1 (spend caps);
 *                      fractional values are rounded up so a cap is never exceeded
 */
public record Limit(String pointer, String counter, Window window, long max, Scope scope, ArgumentPath incrementFrom) {

    /** "10 calls per minute per grant" / "1000 units per day per session". */
    public String describe() {
        String unit = incrementFrom == null ? (max == 1 ? "call" : "calls") : "units of " + incrementFrom.text();
        String per = scope == Scope.GLOBAL ? " in total" : " per " + scope.wire();
        return max + " " + unit + " per " + window.wire() + per;
    }
}
