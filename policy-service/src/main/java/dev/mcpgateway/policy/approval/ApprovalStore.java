package dev.mcpgateway.policy.approval;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Approval requests and standing approvals in PostgreSQL, over the plain reactive client rather than
 * Hibernate Reactive: rows are touched from the gRPC event loop, REST and the housekeeping thread,
 * and every state change is one guarded UPDATE ({@code where status = 'pending'}), so two approvers,
 * an approver and the expiry sweep, or two replicas can never both win. An approval with an edit holds the row's
 * lock while it re-plans the held quota ({@link #approveLocked}).
 */
@ApplicationScoped
public class ApprovalStore {
    private static final String REQUEST_COLUMNS = "id, status, grant_id, grant_name, session_id, server, tool, arguments, "
            + "risk, category, rule, policy_id, policy_version, policy_reason, created_at, expires_at, decided_at, "
            + "decided_by, note, outcome_reason, edited_arguments, edited_keys";
    private static final String STANDING_COLUMNS = "id, grant_id, tool, max_calls, calls_used, expires_at, created_at, "
            + "created_by, note, revoked_at, revoked_by";

    private final Pool pool;

    public ApprovalStore(Pool pool) {
        this.pool = pool;
    }

    /** @param callId the held call's JSON-RPC id as JSON text, or null when the proxy did not say */
    public Uni<ApprovalRequest> insert(ApprovalRequest r, String callId) {
        return pool.preparedQuery("insert into approval_request (id, status, grant_id, grant_name, session_id, server, tool, "
                        + "arguments, risk, category, rule, policy_id, policy_version, policy_reason, created_at, expires_at, "
                        + "call_id) values ($1, 'pending', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
                        + "returning " + REQUEST_COLUMNS)
                .execute(Tuple.from(Arrays.asList(r.id(), r.grantId(), r.grantName(), r.sessionId(), r.server(), r.tool(),
                        r.arguments(), r.risk(), r.category(), r.rule(), r.policyId(), r.policyVersion(), r.policyReason(),
                        time(r.createdAt()), time(r.expiresAt()), callId)))
                .map(ApprovalStore::firstRequest);
    }

    /** The ids of the pending requests of this session's call (JSON-RPC id as JSON text); normally one. */
    public Uni<List<String>> pendingForCall(String sessionId, String callId) {
        return pool.preparedQuery("select id from approval_request where session_id = $1 and call_id = $2 "
                        + "and status = 'pending' order by created_at, id")
                .execute(Tuple.of(sessionId, callId))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return ids;
                });
    }

    /** The request, or null. */
    public Uni<ApprovalRequest> find(String id) {
        return pool.preparedQuery("select " + REQUEST_COLUMNS + " from approval_request where id = $1")
                .execute(Tuple.of(id)).map(ApprovalStore::firstRequest);
    }

    /** Newest first; {@code status} null = any. */
    public Uni<List<ApprovalRequest>> list(RequestStatus status, int limit) {
        if (status == null) {
            return pool.preparedQuery("select " + REQUEST_COLUMNS + " from approval_request order by created_at desc, id limit $1")
                    .execute(Tuple.of(limit)).map(ApprovalStore::requests);
        }
        return pool.preparedQuery("select " + REQUEST_COLUMNS
                        + " from approval_request where status = $1 order by created_at desc, id limit $2")
                .execute(Tuple.of(status.db(), limit)).map(ApprovalStore::requests);
    }

    private static final String APPROVE = "update approval_request set status = 'approved', decided_at = $2, "
            + "decided_by = $3, note = $4, edited_arguments = $5, edited_keys = $6 "
            + "where id = $1 and status = 'pending' and expires_at > $2 returning " + REQUEST_COLUMNS;

    /** Approves a pending, unexpired request; null when it was not (then nothing changed). */
    public Uni<ApprovalRequest> approve(String id, String approver, String note, String editedArguments,
                                        List<String> editedKeys, Instant now) {
        return pool.preparedQuery(APPROVE).execute(approveArgs(id, approver, note, editedArguments, editedKeys, now))
                .map(ApprovalStore::firstRequest);
    }

    /**
     * Approves like {@link #approve}, but first runs {@code first} on the pending row while holding the row's lock
     * ({@code select ... for update}), and approves only if it succeeds. Every other change of this request (another
     * approval, a rejection, the expiry sweep, on any replica) waits for the lock, then finds the request decided: an
     * approver's edit re-plans the held quota inside the lock, so no second edit can re-plan it meanwhile. Null
     * when the request was not pending and unexpired ({@code first} did not run); when {@code first} fails, nothing
     * in the database changed.
     */
    public Uni<ApprovalRequest> approveLocked(String id, String approver, String note, String editedArguments,
                                              List<String> editedKeys, Instant now,
                                              Function<ApprovalRequest, Uni<Void>> first) {
        return pool.withTransaction(conn -> conn.preparedQuery("select " + REQUEST_COLUMNS + " from approval_request "
                        + "where id = $1 and status = 'pending' and expires_at > $2 for update")
                .execute(Tuple.of(id, time(now))).map(ApprovalStore::firstRequest)
                .chain(row -> row == null ? Uni.createFrom().<ApprovalRequest>nullItem()
                        : first.apply(row).chain(() -> conn.preparedQuery(APPROVE)
                                .execute(approveArgs(id, approver, note, editedArguments, editedKeys, now))
                                .map(ApprovalStore::firstRequest)
                                // Pending under our lock a moment ago: no row now means the database changed the rules.
                                .onItem().ifNull().failWith(() -> new IllegalStateException(
                                        "approval request " + id + " was not approved under its lock")))));
    }

    private static Tuple approveArgs(String id, String approver, String note, String editedArguments,
                                     List<String> editedKeys, Instant now) {
        return Tuple.from(Arrays.asList(id, time(now), approver, note, editedArguments,
                editedKeys == null ? null : editedKeys.toArray(new String[0])));
    }

    /** Closes a pending request as rejected, expired or withdrawn; null when it was not pending (then nothing changed). */
    public Uni<ApprovalRequest> close(String id, RequestStatus status, String by, String reason, Instant now) {
        return pool.preparedQuery("update approval_request set status = $2, decided_at = $3, decided_by = $4, "
                        + "outcome_reason = $5 where id = $1 and status = 'pending' returning " + REQUEST_COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, status.db(), time(now), by, reason)))
                .map(ApprovalStore::firstRequest);
    }

    /** Marks every pending request past its expiry as expired; their ids. */
    public Uni<List<String>> expireDue(Instant now) {
        return pool.preparedQuery("update approval_request set status = 'expired', decided_at = $1, "
                        + "outcome_reason = 'approval expired' where status = 'pending' and expires_at <= $1 returning id")
                .execute(Tuple.of(time(now)))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return ids;
                });
    }

    // ---------------------------------------------------------------- standing approvals

    public Uni<StandingApproval> insertStanding(StandingApproval s) {
        return pool.preparedQuery("insert into standing_approval (id, grant_id, tool, max_calls, calls_used, expires_at, "
                        + "created_at, created_by, note) values ($1, $2, $3, $4, 0, $5, $6, $7, $8) returning " + STANDING_COLUMNS)
                .execute(Tuple.from(Arrays.asList(s.id(), s.grantId(), s.tool(), s.maxCalls(), time(s.expiresAt()),
                        time(s.createdAt()), s.createdBy(), s.note())))
                .map(ApprovalStore::firstStanding);
    }

    /**
     * Uses one call of the oldest live standing approval for this grant and tool, atomically (exact
     * across replicas: the row is locked, and one skipped when another replica holds it); null when none.
     */
    public Uni<StandingApproval> consumeStanding(String grantId, String tool, Instant now) {
        return pool.preparedQuery("update standing_approval set calls_used = calls_used + 1 where id = ("
                        + "select id from standing_approval where grant_id = $1 and tool = $2 and revoked_at is null "
                        + "and (expires_at is null or expires_at > $3) and (max_calls is null or calls_used < max_calls) "
                        + "order by created_at, id limit 1 for update skip locked) returning " + STANDING_COLUMNS)
                .execute(Tuple.of(grantId, tool, time(now)))
                .map(ApprovalStore::firstStanding);
    }

    public Uni<StandingApproval> findStanding(String id) {
        return pool.preparedQuery("select " + STANDING_COLUMNS + " from standing_approval where id = $1")
                .execute(Tuple.of(id)).map(ApprovalStore::firstStanding);
    }

    /** Newest first; revoked ones only when asked. */
    public Uni<List<StandingApproval>> listStanding(boolean includeRevoked) {
        String where = includeRevoked ? "" : " where revoked_at is null";
        return pool.query("select " + STANDING_COLUMNS + " from standing_approval" + where + " order by created_at desc, id")
                .execute().map(rows -> {
                    List<StandingApproval> out = new ArrayList<>();
                    rows.forEach(r -> out.add(standing(r)));
                    return out;
                });
    }

    /** Revokes a live standing approval; the row afterwards (unchanged when already revoked), null when unknown. */
    public Uni<StandingApproval> revokeStanding(String id, String by, Instant now) {
        return pool.preparedQuery("update standing_approval set revoked_at = coalesce(revoked_at, $2), "
                        + "revoked_by = coalesce(revoked_by, $3) where id = $1 returning " + STANDING_COLUMNS)
                .execute(Tuple.of(id, time(now), by))
                .map(ApprovalStore::firstStanding);
    }

    // ---------------------------------------------------------------- mapping

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static ApprovalRequest firstRequest(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? request(it.next()) : null;
    }

    private static List<ApprovalRequest> requests(RowSet<Row> rows) {
        List<ApprovalRequest> out = new ArrayList<>();
        rows.forEach(r -> out.add(request(r)));
        return out;
    }

    private static ApprovalRequest request(Row r) {
        String[] keys = r.getArrayOfStrings("edited_keys");
        return new ApprovalRequest(r.getString("id"), RequestStatus.fromDb(r.getString("status")), r.getString("grant_id"),
                r.getString("grant_name"), r.getString("session_id"), r.getString("server"), r.getString("tool"),
                r.getString("arguments"), r.getString("risk"), r.getString("category"), r.getString("rule"),
                r.getString("policy_id"), r.getLong("policy_version"), r.getString("policy_reason"),
                instant(r, "created_at"), instant(r, "expires_at"), instant(r, "decided_at"), r.getString("decided_by"),
                r.getString("note"), r.getString("outcome_reason"), r.getString("edited_arguments"),
                keys == null ? null : List.of(keys));
    }

    private static StandingApproval firstStanding(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? standing(it.next()) : null;
    }

    private static StandingApproval standing(Row r) {
        return new StandingApproval(r.getString("id"), r.getString("grant_id"), r.getString("tool"),
                r.getInteger("max_calls"), r.getInteger("calls_used"), instant(r, "expires_at"), instant(r, "created_at"),
                r.getString("created_by"), r.getString("note"), instant(r, "revoked_at"), r.getString("revoked_by"));
    }
}
