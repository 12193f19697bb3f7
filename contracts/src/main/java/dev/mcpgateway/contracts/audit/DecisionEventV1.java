package dev.mcpgateway.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One policy decision on one {@code tools/call}: the record on the Kafka topic {@value #TOPIC}.
 * Its JSON form is specified by {@code schemas/decision-event-v1.schema.json} in this module;
 * {@code DecisionEventV1SchemaTest} keeps the two in step.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DecisionEventV1(
        int eventVersion,
        String decisionId,
        Instant timestamp,
        String traceId,
        String grantId,
        String grantName,
        String sessionId,
        String server,
        String tool,
        String toolRisk,
        String toolCategory,
        Decision decision,
        boolean enforced,
        String reason,
        String rule,
        String policyId,
        Long policyVersion,
        Long limitRemaining,
        Long retryAfterMs,
        List<String> argumentKeys,
        Map<String, Object> arguments,
        List<String> maskedPaths,
        UpstreamOutcome upstreamOutcome,
        Long upstreamLatencyMs,
        long totalLatencyMs) {

    public static final String TOPIC = "mcp.decisions";
    public static final int VERSION = 1;
    public static final String SCHEMA_RESOURCE = "schemas/decision-event-v1.schema.json";

    public enum Decision { ALLOW, DENY, RATE_LIMITED, APPROVAL_REQUIRED, UNDECIDED }

    /** OK: a result came back (TOOL_ERROR: a result with isError). ERROR/TIMEOUT: the upstream failed. */
    public enum UpstreamOutcome { OK, TOOL_ERROR, ERROR, TIMEOUT, NOT_FORWARDED }
}
