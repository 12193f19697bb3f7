package dev.mcpgateway.policy.explain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What explain answers: the decision as Decide would make it now, and every rule it looked at. */
public record Explanation(
        @JsonProperty("policy_id") String policyId,
        @JsonProperty("policy_version") long policyVersion,
        String mode,
        String decision,
        String rule,
        String reason,
        @JsonProperty("tool_risk") String toolRisk,
        @JsonProperty("tool_category") String toolCategory,
        List<Considered> considered,
        List<LimitState> limits) {

    public record Considered(String rule, boolean matched, String why) {
    }

    /**
     * A limit that would be charged, with the counter as it stands (nothing is changed).
     *
     * @param used   the counter's value in the current window
     * @param amount what this call would add
     */
    public record LimitState(String rule, String counter, String window, String scope, long max, long used, long amount,
                             long remaining, @JsonProperty("would_exceed") boolean wouldExceed,
                             @JsonProperty("retry_after_ms") long retryAfterMs) {
    }
}
