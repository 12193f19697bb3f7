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
 * One {@code INSERT ... SELECT FROM jsonb_to_recordset(:rows) ON CONFLICT (decision_id) DO NOTHING} for a batch
 * of events: a single round trip with a single parameter (the rows as one JSON array), and redelivered or
 * duplicated ids insert nothing (no check-then-insert race).
 *
 * <p>Why not one {@code VALUES (...)} tuple per row: 25 bind parameters per row made the statement text
 * different for every batch size (no prepared-statement reuse) and cost about 1 ms per row in client-side
 * parameter handling, which capped ingest near 800 rows/s. Here the SQL text is constant, so the driver
 * prepares it once per connection, and PostgreSQL types every field from the column list below.
 */
public record InsertStatement(String json) {

    /** The statement's one (named) parameter: the batch as a JSON array. */
    public static final String PARAMETER = "rows";

    /** Constant: the column list is the record type of {@code jsonb_to_recordset}. */
    public static final String SQL;

    private static final String[][] COLUMNS = {
        {"decision_id", "varchar(64)"}, {"event_version", "integer"}, {"occurred_at", "timestamptz"},
        {"trace_id", "text"}, {"grant_id", "text"}, {"grant_name", "text"}, {"session_id", "text"},
        {"server", "text"}, {"tool", "text"}, {"tool_risk", "text"}, {"tool_category", "text"},
        {"decision", "text"}, {"enforced", "boolean"}, {"reason", "text"}, {"rule", "text"},
        {"policy_id", "text"}, {"policy_version", "bigint"}, {"limit_remaining", "bigint"},
        {"retry_after_ms", "bigint"}, {"argument_keys", "jsonb"}, {"arguments", "jsonb"},
        {"masked_paths", "jsonb"}, {"upstream_outcome", "text"}, {"upstream_latency_ms", "bigint"},
        {"total_latency_ms", "bigint"},
    };

    static {
        StringBuilder names = new StringBuilder();
        StringBuilder typed = new StringBuilder();
        for (String[] c : COLUMNS) {
            names.append(names.isEmpty() ? "" : ", ").append(c[0]);
            typed.append(typed.isEmpty() ? "" : ", ").append(c[0]).append(' ').append(c[1]);
        }
        // Cast through text: the reactive driver would encode a Java String bound as jsonb as one JSON string.
        // cast(), not "::", which Hibernate's native-query parser would take for a parameter.
        SQL = "INSERT INTO audit_event (" + names + ") SELECT " + names
                + " FROM jsonb_to_recordset(cast(cast(:" + PARAMETER + " as text) as jsonb)) AS r(" + typed + ")"
                + " ON CONFLICT (decision_id) DO NOTHING";
    }

    /** PostgreSQL's jsonb limit (255 MB) is far away; this keeps one statement's memory and duration modest. */
    public static final int MAX_ROWS = 10_000;

    public static InsertStatement of(Collection<DecisionEventV1> events, ObjectMapper json) {
        if (events.isEmpty() || events.size() > MAX_ROWS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_ROWS + " events, not " + events.size());
        }
        List<Map<String, Object>> rows = new ArrayList<>(events.size());
        for (DecisionEventV1 e : events) {
            rows.add(row(e));
        }
        try {
            // One serialization pass for the whole batch (no intermediate JSON trees).
            return new InsertStatement(json.writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the batch as JSON", e);
        }
    }

    /** A JSON null and a missing key both become SQL NULL in {@code jsonb_to_recordset}. */
    private static Map<String, Object> row(DecisionEventV1 e) {
        Map<String, Object> r = new LinkedHashMap<>(48);
        r.put("decision_id", e.decisionId());
        r.put("event_version", e.eventVersion());
        // PostgreSQL keeps microseconds; truncating here makes the stored value, the API and the cursor agree.
        r.put("occurred_at", e.timestamp().truncatedTo(ChronoUnit.MICROS).toString());
        r.put("trace_id", e.traceId());
        r.put("grant_id", e.grantId());
        r.put("grant_name", e.grantName());
        r.put("session_id", e.sessionId());
        r.put("server", e.server());
        r.put("tool", e.tool());
        r.put("tool_risk", e.toolRisk());
        r.put("tool_category", e.toolCategory());
        r.put("decision", e.decision().name());
        r.put("enforced", e.enforced());
        r.put("reason", e.reason());
        r.put("rule", e.rule());
        r.put("policy_id", e.policyId());
        r.put("policy_version", e.policyVersion());
        r.put("limit_remaining", e.limitRemaining());
        r.put("retry_after_ms", e.retryAfterMs());
        r.put("argument_keys", e.argumentKeys() == null ? List.of() : e.argumentKeys());
        r.put("arguments", e.arguments());
        r.put("masked_paths", e.maskedPaths() == null ? List.of() : e.maskedPaths());
        r.put("upstream_outcome", e.upstreamOutcome().name());
        r.put("upstream_latency_ms", e.upstreamLatencyMs());
        r.put("total_latency_ms", e.totalLatencyMs());
        return r;
    }
}
