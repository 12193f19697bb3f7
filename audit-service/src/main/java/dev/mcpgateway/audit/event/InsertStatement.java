package dev.mcpgateway.audit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One multi-row {@code INSERT ... ON CONFLICT (decision_id) DO NOTHING} for a batch of events: a single
 * round trip, and redelivered or duplicated ids insert nothing (no check-then-insert race).
 */
public record InsertStatement(String sql, Map<String, Object> params) {

    /** PostgreSQL accepts at most 65535 bind parameters per statement. */
    public static final int MAX_ROWS = 65535 / 25;

    private static final String COLUMNS = "decision_id, event_version, occurred_at, trace_id, grant_id, grant_name, "
            + "session_id, server, tool, tool_risk, tool_category, decision, enforced, reason, rule, policy_id, "
            + "policy_version, limit_remaining, retry_after_ms, argument_keys, arguments, masked_paths, "
            + "upstream_outcome, upstream_latency_ms, total_latency_ms";

    /**
     * Every value carries an explicit cast so a null binds without a type. JSON goes in as text and is cast
     * to jsonb in SQL: the reactive driver would otherwise encode a Java String as a JSON string literal.
     */
    private static final String[][] ROW = {
        {"id", "varchar"}, {"ver", "integer"}, {"ts", "timestamptz"}, {"trace", "text"}, {"grant", "text"},
        {"grantName", "text"}, {"session", "text"}, {"server", "text"}, {"tool", "text"}, {"risk", "text"},
        {"category", "text"}, {"decision", "text"}, {"enforced", "boolean"}, {"reason", "text"}, {"rule", "text"},
        {"policy", "text"}, {"policyVersion", "bigint"}, {"remaining", "bigint"}, {"retryAfter", "bigint"},
        {"keys", "jsonb"}, {"args", "jsonb"}, {"masked", "jsonb"}, {"outcome", "text"}, {"upstreamMs", "bigint"},
        {"totalMs", "bigint"},
    };

    public static InsertStatement of(Collection<DecisionEventV1> events, ObjectMapper json) {
        if (events.isEmpty() || events.size() > MAX_ROWS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_ROWS + " events, not " + events.size());
        }
        StringBuilder sql = new StringBuilder("INSERT INTO audit_event (").append(COLUMNS).append(") VALUES ");
        Map<String, Object> params = new LinkedHashMap<>();
        int row = 0;
        for (DecisionEventV1 e : events) {
            List<Object> values = values(e, json);
            sql.append(row == 0 ? "(" : ", (");
            for (int col = 0; col < ROW.length; col++) {
                String name = ROW[col][0] + row;
                String type = ROW[col][1];
                sql.append(col == 0 ? "" : ", ");
                if (type.equals("jsonb")) {
                    sql.append("cast(cast(:").append(name).append(" as text) as jsonb)");
                } else {
                    sql.append("cast(:").append(name).append(" as ").append(type).append(')');
                }
                params.put(name, values.get(col));
            }
            sql.append(')');
            row++;
        }
        sql.append(" ON CONFLICT (decision_id) DO NOTHING");
        return new InsertStatement(sql.toString(), params);
    }

    private static List<Object> values(DecisionEventV1 e, ObjectMapper json) {
        List<Object> v = new ArrayList<>(ROW.length);
        v.add(e.decisionId());
        v.add(e.eventVersion());
        // PostgreSQL keeps microseconds; truncating here makes the stored value, the API and the cursor agree.
        v.add(EventFilter.utc(e.timestamp().truncatedTo(ChronoUnit.MICROS)));
        v.add(e.traceId());
        v.add(e.grantId());
        v.add(e.grantName());
        v.add(e.sessionId());
        v.add(e.server());
        v.add(e.tool());
        v.add(e.toolRisk());
        v.add(e.toolCategory());
        v.add(e.decision().name());
        v.add(e.enforced());
        v.add(e.reason());
        v.add(e.rule());
        v.add(e.policyId());
        v.add(e.policyVersion());
        v.add(e.limitRemaining());
        v.add(e.retryAfterMs());
        v.add(toJson(json, e.argumentKeys() == null ? List.of() : e.argumentKeys()));
        v.add(e.arguments() == null ? null : toJson(json, e.arguments()));
        v.add(toJson(json, e.maskedPaths() == null ? List.of() : e.maskedPaths()));
        v.add(e.upstreamOutcome().name());
        v.add(e.upstreamLatencyMs());
        v.add(e.totalLatencyMs());
        return v;
    }

    private static String toJson(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write event field as JSON", e);
        }
    }
}
