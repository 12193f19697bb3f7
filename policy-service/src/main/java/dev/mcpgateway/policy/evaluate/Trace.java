package dev.mcpgateway.policy.evaluate;

/** Collects every rule the evaluator looked at, for explain. Null on the hot path. */
public interface Trace {
    void consider(String rule, boolean matched, String why);
}
