package dev.mcpgateway.audit;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.audit.DecisionEventV1.Decision;
import dev.mcpgateway.contracts.audit.DecisionEventV1.UpstreamOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders of valid DecisionEventV1 values for tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static DecisionEventV1 event(String decisionId) {
        return event(decisionId, "s-1", Instant.parse("2026-03-01T10:15:30.123456789Z"), Decision.ALLOW,
                "smartlead_get_campaign", "low", "allowed by default");
    }

    public static DecisionEventV1 event(String decisionId, String session, Instant at, Decision decision, String tool,
            String risk, String reason) {
        return new DecisionEventV1(DecisionEventV1.VERSION, decisionId, at, "trace-" + decisionId, "g-1", "demo",
                session, "smartlead", tool, risk, "read", decision, true, reason, "/default", "default", 1L, null,
                null, List.of("campaign_id"), null, List.of(),
                decision == Decision.ALLOW ? UpstreamOutcome.OK : UpstreamOutcome.NOT_FORWARDED,
                decision == Decision.ALLOW ? 12L : null, 15);
    }

    public static DecisionEventV1 withArguments(DecisionEventV1 e, Map<String, Object> arguments) {
        return new DecisionEventV1(e.eventVersion(), e.decisionId(), e.timestamp(), e.traceId(), e.grantId(),
                e.grantName(), e.sessionId(), e.server(), e.tool(), e.toolRisk(), e.toolCategory(), e.decision(),
                e.enforced(), e.reason(), e.rule(), e.policyId(), e.policyVersion(), e.limitRemaining(),
                e.retryAfterMs(), List.copyOf(arguments.keySet()), arguments, List.of("api_key"), e.upstreamOutcome(),
                e.upstreamLatencyMs(), e.totalLatencyMs());
    }
}
