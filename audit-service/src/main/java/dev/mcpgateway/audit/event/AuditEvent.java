package dev.mcpgateway.audit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A stored DecisionEventV1, one column per field. Read-only for Hibernate: rows are written only by
 * {@link AuditEventStore#insertAll}, whose {@code ON CONFLICT DO NOTHING} makes redelivery harmless.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @Column(name = "decision_id")
    public String decisionId;

    @Column(name = "event_version")
    public int eventVersion;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "trace_id")
    public String traceId;

    @Column(name = "grant_id")
    public String grantId;

    @Column(name = "grant_name")
    public String grantName;

    @Column(name = "session_id")
    public String sessionId;

    public String server;

    public String tool;

    @Column(name = "tool_risk")
    public String toolRisk;

    @Column(name = "tool_category")
    public String toolCategory;

    public String decision;

    public boolean enforced;

    public String reason;

    public String rule;

    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "policy_version")
    public Long policyVersion;

    @Column(name = "limit_remaining")
    public Long limitRemaining;

    @Column(name = "retry_after_ms")
    public Long retryAfterMs;

    // The jsonb columns are read as text: Hibernate Reactive's JSON support maps only objects, not arrays.
    @Column(name = "argument_keys")
    @ColumnTransformer(read = "cast(argument_keys as text)")
    public String argumentKeys;

    @ColumnTransformer(read = "cast(arguments as text)")
    public String arguments;

    @Column(name = "masked_paths")
    @ColumnTransformer(read = "cast(masked_paths as text)")
    public String maskedPaths;

    @Column(name = "upstream_outcome")
    public String upstreamOutcome;

    @Column(name = "upstream_latency_ms")
    public Long upstreamLatencyMs;

    @Column(name = "total_latency_ms")
    public long totalLatencyMs;

    /** The select list for native queries: same names as the mapping, jsonb cast to text as above. */
    static final String COLUMNS = "decision_id, event_version, occurred_at, trace_id, grant_id, grant_name, "
            + "session_id, server, tool, tool_risk, tool_category, decision, enforced, reason, rule, policy_id, "
            + "policy_version, limit_remaining, retry_after_ms, cast(argument_keys as text) AS argument_keys, "
            + "cast(arguments as text) AS arguments, cast(masked_paths as text) AS masked_paths, upstream_outcome, "
            + "upstream_latency_ms, total_latency_ms";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    public DecisionEventV1 toEvent() {
        return new DecisionEventV1(eventVersion, decisionId, occurredAt, traceId, grantId, grantName, sessionId,
                server, tool, toolRisk, toolCategory, DecisionEventV1.Decision.valueOf(decision), enforced, reason,
                rule, policyId, policyVersion, limitRemaining, retryAfterMs,
                argumentKeys == null ? List.of() : read(argumentKeys, STRINGS), arguments == null ? null
                        : read(arguments, OBJECT),
                maskedPaths == null ? List.of() : read(maskedPaths, STRINGS),
                DecisionEventV1.UpstreamOutcome.valueOf(upstreamOutcome), upstreamLatencyMs, totalLatencyMs);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event row holds invalid JSON", e);
        }
    }
}
