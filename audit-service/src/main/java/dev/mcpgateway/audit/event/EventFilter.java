package dev.mcpgateway.audit.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated set of filters over audit events (every field optional; {@code from} inclusive, {@code to}
 * exclusive). Build it with {@link EventFilterParser}; render it to SQL with {@link #where}.
 */
public record EventFilter(Instant from, Instant to, String grant, String session, String server, String tool,
        String decision, String risk, String text) {

    public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null, null);

    public EventFilter withFrom(Instant newFrom) {
        return new EventFilter(newFrom, to, grant, session, server, tool, decision, risk, text);
    }

    /** A SQL condition over table {@code audit_event} and its named parameters. */
    public record Where(String sql, Map<String, Object> params) {
    }

    /**
     * The filter, plus an optional keyset position, as a SQL condition. Values are always bound, never
     * concatenated; timestamps are bound as OffsetDateTime because that is what the reactive PostgreSQL
     * driver maps to timestamptz.
     */
    public Where where(Cursor after) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (from != null) {
            clauses.add("occurred_at >= :from");
            params.put("from", utc(from));
        }
        if (to != null) {
            clauses.add("occurred_at < :to");
            params.put("to", utc(to));
        }
        equal(clauses, params, "grant_id", "grant", grant);
        equal(clauses, params, "session_id", "session", session);
        equal(clauses, params, "server", "server", server);
        equal(clauses, params, "tool", "tool", tool);
        equal(clauses, params, "decision", "decision", decision);
        equal(clauses, params, "tool_risk", "risk", risk);
        if (text != null) {
            clauses.add("reason ILIKE :text ESCAPE '\\'");
            params.put("text", "%" + escapeLike(text) + "%");
        }
        if (after != null) {
            // Row comparison: PostgreSQL walks the (occurred_at DESC, decision_id DESC) indexes with it.
            clauses.add("(occurred_at, decision_id) < (:afterTs, :afterId)");
            params.put("afterTs", utc(after.timestamp()));
            params.put("afterId", after.decisionId());
        }
        return new Where(clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses), params);
    }

    private static void equal(List<String> clauses, Map<String, Object> params, String column, String name,
            String value) {
        if (value != null) {
            clauses.add(column + " = :" + name);
            params.put(name, value);
        }
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
