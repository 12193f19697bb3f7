package dev.mcpgateway.audit.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * All SQL over {@code audit_event}, through Hibernate Reactive: queries in sessions, the ingest's batch insert in
 * a stateless session (no persistence context to fill and flush for rows that are only written). The insert is one
 * native statement with one parameter ({@link InsertStatement}): Hibernate's per-parameter handling, which made a
 * 25-parameters-per-row insert the ingest bottleneck, is paid once per batch: measured against the same statement
 * on the raw reactive pool, the service's CPU per stored row is the same (docs/benchmarks.md, "Hibernate Reactive
 * for the ingest").
 */
@ApplicationScoped
public class AuditEventStore {

    private static final String ORDER = " ORDER BY occurred_at DESC, decision_id DESC";

    private final ObjectMapper json;
    private final Mutiny.SessionFactory sessions;

    public AuditEventStore(ObjectMapper json, Mutiny.SessionFactory sessions) {
        this.json = json;
        this.sessions = sessions;
    }

    /**
     * Inserts the events that are not stored yet; returns how many were new. One transaction per batch: when
     * this Uni completes, every new row of the batch is committed (so the caller may acknowledge the records),
     * and when it fails, none is. Each subscription (a retry) opens a fresh session and transaction.
     */
    public Uni<Integer> insertAll(Collection<DecisionEventV1> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        InsertStatement insert = InsertStatement.of(events, json);
        return sessions.withStatelessTransaction(session -> session.createNativeQuery(InsertStatement.SQL)
                .setParameter(InsertStatement.PARAMETER, insert.json())
                .executeUpdate());
    }

    /** One page, newest first, strictly after {@code after} when given. */
    public Uni<List<AuditEvent>> page(EventFilter filter, Cursor after, int limit) {
        EventFilter.Where where = filter.where(after);
        String sql = "SELECT " + AuditEvent.COLUMNS + " FROM audit_event WHERE " + where.sql() + ORDER + " LIMIT :limit";
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<AuditEvent> query = session.createNativeQuery(sql, AuditEvent.class);
            bind(query, where.params());
            query.setParameter("limit", limit);
            return query.getResultList();
        }));
    }

    public Uni<AuditEvent> find(String decisionId) {
        return Panache.withSession(() -> AuditEvent.findById(decisionId));
    }

    /** Deletes up to {@code batchSize} of the oldest rows before {@code cutoff}; returns how many went. */
    public Uni<Integer> deleteOlderThan(Instant cutoff, int batchSize) {
        // Bounded by the PK subquery so one statement never locks or logs the whole expired range.
        String sql = "DELETE FROM audit_event WHERE decision_id IN (SELECT decision_id FROM audit_event"
                + " WHERE occurred_at < :cutoff ORDER BY occurred_at LIMIT :batch)";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("cutoff", EventFilter.utc(cutoff))
                .setParameter("batch", batchSize)
                .executeUpdate()));
    }

    /** Runs a native aggregate query (rows as Object[]) within a session; used by stats. */
    public Uni<List<Object[]>> aggregate(String sql, Map<String, Object> params) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
            bind(query, params);
            return query.getResultList();
        }));
    }

    private static void bind(Mutiny.SelectionQuery<?> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
    }
}
