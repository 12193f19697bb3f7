package dev.mcpgateway.policy.evaluate;

/** The evaluator's answer before counters are consulted; RATE_LIMITED only arises from counters. */
public enum Verdict {
    ALLOW,
    DENY,
    APPROVAL_REQUIRED
}
