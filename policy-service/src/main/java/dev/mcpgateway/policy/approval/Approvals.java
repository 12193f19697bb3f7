package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.policy.Async;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.limit.CounterStoreUnavailableException;
import dev.mcpgateway.policy.limit.ReservationBook;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The approval flow: a held call's request is opened by Decide, waited on by the proxy (long poll),
 * decided by an approver, expired by the sweep or withdrawn by the proxy. Every state change is one
 * guarded UPDATE in {@link ApprovalStore}; this class adds the rules around it and wakes waiters.
 */
public class Approvals {
    private static final Logger LOG = Logger.getLogger(Approvals.class);
    static final String EXPIRED_REASON = "approval expired";

    private final ApprovalStore store;
    private final ApprovalWaiters waiters;
    private final ArgumentSchemas schemas;
    private final ApprovalWebhook webhook;
    private final GrantRegistry grants;
    private final ReservationBook reservations;
    private final Clock clock;
    private final Duration ttl;
    private final Duration maxWait;
    private final Duration recheck;
    private final ObjectMapper json = new ObjectMapper();

    public Approvals(ApprovalStore store, ApprovalWaiters waiters, ArgumentSchemas schemas, ApprovalWebhook webhook,
                     GrantRegistry grants, ReservationBook reservations, Clock clock, Duration ttl, Duration maxWait,
                     Duration recheck) {
        this.reservations = reservations;
        this.store = store;
        this.waiters = waiters;
        this.schemas = schemas;
        this.webhook = webhook;
        this.grants = grants;
        this.clock = clock;
        this.ttl = ttl;
        this.maxWait = maxWait;
        this.recheck = recheck;
    }

    // ---------------------------------------------------------------- Decide

    /**
     * Runs after the policy said APPROVAL_REQUIRED (enforced): a live standing approval turns it into
     * ALLOW (one of its calls used); otherwise the request is stored and the webhook told. Any other
     * decision passes unchanged. The caller maps a failure to "could not decide". Either way the call's
     * rate limits were reserved by Decide under its decision id, like an allowed call's, and are settled
     * by the proxy once the call went upstream or was refused.
     */
    public Uni<DecideResponse> afterDecide(DecideRequest req, DecideResponse r) {
        if (r.getDecision() != Decision.APPROVAL_REQUIRED || !r.getEnforced()) {
            return Uni.createFrom().item(r);
        }
        Instant now = clock.instant();
        return store.consumeStanding(req.getGrantId(), req.getTool(), now).chain(standing -> {
            if (standing != null) {
                return Uni.createFrom().item(r.toBuilder().setDecision(Decision.ALLOW)
                        .setRule("standing_approval/" + standing.id())
                        .setReason("Allowed by standing approval " + standing.id() + " from " + standing.createdBy()
                                + " (" + remaining(standing) + "); the policy asks approval: " + r.getReason())
                        .build());
            }
            String grantName = grants.byId(req.getGrantId()).map(Grant::name).orElse(req.getGrantId());
            String args = req.getArgumentsJson().isEmpty() ? "{}" : req.getArgumentsJson().toStringUtf8();
            ApprovalRequest open = new ApprovalRequest(r.getDecisionId(), RequestStatus.PENDING, req.getGrantId(), grantName,
                    req.getSessionId(), req.getServer(), req.getTool(), args, r.getToolRisk(), r.getToolCategory(),
                    r.getRule(), r.getPolicyId(), r.getPolicyVersion(), r.getReason(), now, now.plus(ttl),
                    null, null, null, null, null, null);
            // The quota reserved at Decide is held through the wait (the proxy's Settle keeps or returns it), and held
            // before the request exists: an approver's edit re-plans it, on any replica once the request is visible.
            long holdUntil = open.expiresAt().toEpochMilli();
            return Uni.createFrom().deferred(() -> Async.resumedHere(reservations.extend(r.getDecisionId(), holdUntil)))
                    .chain(held -> store.insert(open, req.getRequestId().isEmpty() ? null : req.getRequestId()))
                    // No request, no hold: the quota Decide reserved goes back (the proxy gets "could not decide").
                    .onFailure().call(t -> Uni.createFrom().item(() -> reservations.settle(r.getDecisionId(), true))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .onFailure().recoverWithItem(false))
                    .map(saved -> {
                        webhook.requested(saved);
                        LOG.infof("Approval request %s: %s/%s for grant '%s', expires %s", saved.id(), saved.server(),
                                saved.tool(), grantName, saved.expiresAt());
                        return r.toBuilder().setApprovalId(saved.id())
                                .setApprovalExpiresAtMs(saved.expiresAt().toEpochMilli()).build();
                    });
        });
    }

    private static String remaining(StandingApproval s) {
        List<String> parts = new ArrayList<>();
        if (s.maxCalls() != null) {
            parts.add(s.callsLeft() + " of " + s.maxCalls() + " calls left");
        }
        if (s.expiresAt() != null) {
            parts.add("until " + s.expiresAt());
        }
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- the proxy's side

    /** The request's state once it is not pending, or after at most {@code waitMs} (capped) while it is. */
    public Uni<ApprovalUpdate> await(String id, long waitMs) {
        Instant deadline = clock.instant().plusMillis(Math.max(0, Math.min(waitMs, maxWait.toMillis())));
        return poll(id, deadline).map(Approvals::update);
    }

    private Uni<ApprovalRequest> poll(String id, Instant deadline) {
        return current(id).chain(a -> {
            if (a == null) {
                return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no approval request '" + id + "'")
                        .asRuntimeException());
            }
            if (!a.pending()) {
                waiters.signal(id); // drops this replica's waiter entry (the change may come from another replica)
                return Uni.createFrom().item(a);
            }
            Instant now = clock.instant();
            long left = Math.min(Duration.between(now, deadline).toMillis(), Duration.between(now, a.expiresAt()).toMillis() + 1);
            if (!now.isBefore(deadline)) {
                return Uni.createFrom().item(a);
            }
            Duration nap = Duration.ofMillis(Math.max(1, Math.min(left, recheck.toMillis())));
            return waiters.next(id, nap).chain(v -> poll(id, deadline));
        });
    }

    /** The stored request, closed as expired first when its time has passed (so no reader sees a stale "pending"). */
    private Uni<ApprovalRequest> current(String id) {
        return store.find(id).chain(a -> {
            if (a == null || !a.pending() || a.expiresAt().isAfter(clock.instant())) {
                return Uni.createFrom().item(a);
            }
            return close(a.id(), RequestStatus.EXPIRED, null, EXPIRED_REASON).chain(closed ->
                    closed != null ? Uni.createFrom().item(closed) : store.find(id));
        });
    }

    /** Closes a pending request: the agent cancelled, its connection closed, or its proxy is stopping. */
    public Uni<ApprovalUpdate> withdraw(String id, String reason) {
        String why = reason == null || reason.isBlank() ? "withdrawn by the gateway" : reason.strip();
        return close(id, RequestStatus.WITHDRAWN, "proxy", why)
                .chain(closed -> closed != null ? Uni.createFrom().item(closed) : store.find(id))
                .map(a -> {
                    if (a == null) {
                        throw Status.NOT_FOUND.withDescription("no approval request '" + id + "'").asRuntimeException();
                    }
                    return update(a);
                });
    }

    /**
     * Closes the pending request of a held call named by its session and JSON-RPC id: the agent's
     * {@code notifications/cancelled} reached a proxy replica other than the one holding the call. The
     * holding replica learns it from its long poll (WITHDRAWN) and refuses the call. NOT_FOUND when that
     * session has no pending request for the call (it was never held, or is already decided).
     */
    public Uni<ApprovalUpdate> withdrawCall(String sessionId, String callId, String reason) {
        return store.pendingForCall(sessionId, callId).chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no pending approval request for call "
                        + callId + " of this session").asRuntimeException());
            }
            // Normally one; a client that reused an id while the first call was held withdraws both.
            Uni<ApprovalUpdate> last = null;
            for (String id : ids) {
                Uni<ApprovalUpdate> w = withdraw(id, reason);
                last = last == null ? w : last.chain(u -> w);
            }
            return last;
        });
    }

    private Uni<ApprovalRequest> close(String id, RequestStatus status, String by, String reason) {
        return store.close(id, status, by, reason, clock.instant()).invoke(closed -> {
            if (closed != null) {
                waiters.signal(id);
                LOG.infof("Approval request %s %s%s: %s", id, status.db(), by == null ? "" : " by " + by, reason);
            }
        });
    }

    /** Expires every pending request past its time and wakes their waiters; blocking-free, for the sweep. */
    public Uni<Integer> expireDue() {
        return store.expireDue(clock.instant()).map(ids -> {
            ids.forEach(waiters::signal);
            return ids.size();
        });
    }

    // ---------------------------------------------------------------- approvers

    public Uni<ApprovalRequest> find(String id) {
        return current(id).map(a -> found(id, a));
    }

    public Uni<List<ApprovalRequest>> list(RequestStatus status, int limit) {
        // Expire first, so that "pending" never lists a request that can no longer be approved.
        return expireDue().chain(n -> store.list(status, limit));
    }

    /**
     * Approves, optionally with edited arguments (a JSON object that must validate against the tool's
     * input schema). 404 unknown, 409 no longer pending (or expired), 422 bad edit; nothing is
     * changed on any error. An edit re-plans the quota Decide reserved ({@link #replanned}).
     */
    public Uni<ApprovalRequest> approve(String id, String approver, String note, JsonNode edited) {
        return current(id).chain(a -> {
            open(id, found(id, a));
            if (edited == null || edited.isNull()) {
                return decideApproved(id, approver, note, null, null);
            }
            if (!edited.isObject()) {
                throw new ApiProblem(422, "Invalid arguments", "\"arguments\" must be a JSON object.");
            }
            List<String> keys = changedKeys(a.arguments(), edited);
            if (keys.isEmpty()) {
                return decideApproved(id, approver, note, null, null);
            }
            return schemas.check(a.server(), a.tool(), edited).chain(v -> approveEdited(id, approver, note, edited, keys));
        });
    }

    /**
     * Approves with an edit. Inside the row's lock ({@link ApprovalStore#approveLocked}) the quota Decide reserved
     * is re-planned to the edited arguments (limits with {@code increment_from} now count the edited amount), and
     * the row is approved only if that succeeded. The re-plan comes first because it may refuse (an increase over a
     * limit: 409; an amount Decide could not charge: 422), and once the row says approved the proxy may already be
     * running the call. The lock keeps every other decision of this request (another approver's edit above all)
     * from re-planning or closing it in between, on any replica: whoever comes second finds it decided and
     * re-plans nothing. Should the database fail after the re-plan, the reservation is re-planned back to the
     * arguments the request runs with as it now stands (the agent's while it is still pending).
     */
    private Uni<ApprovalRequest> approveEdited(String id, String approver, String note, JsonNode edited, List<String> keys) {
        AtomicBoolean replanned = new AtomicBoolean();
        return store.approveLocked(id, approver, blankToNull(note), edited.toString(), keys, clock.instant(),
                        row -> replan(id, edited).map(r -> {
                            switch (r.kind()) {
                                case OVER_LIMIT -> throw new ApiProblem(409, "Over a limit", "The edited arguments need "
                                        + r.after() + " of limit '" + r.limit().counter() + "' (" + r.limit().describe()
                                        + ") where the call holds " + r.before() + ": " + r.used() + " of " + r.limit().max()
                                        + " are used, so the " + (r.after() - r.before()) + " more do not fit. Nothing was "
                                        + "changed; the request is still pending.");
                                case UNCHARGEABLE -> throw new ApiProblem(422, "Invalid arguments", "The edited arguments "
                                        + "cannot be charged: " + r.why() + ". Nothing was changed; the request is still pending.");
                                case CHANGED_MEANWHILE -> throw changedMeanwhile(id); // settled: the call is gone
                                default -> {
                                    replanned.set(true);
                                    return r;
                                }
                            }
                        }).replaceWithVoid())
                .onFailure(e -> replanned.get()).call(e -> store.find(id).onFailure().recoverWithNull()
                        .chain(now -> now == null ? Uni.createFrom().nullItem() : replan(id, arguments(now)))
                        .onFailure().invoke(f -> LOG.warnf("Approval request %s: could not re-plan its reservation "
                                + "back after a failed approval: %s", id, f.getMessage()))
                        .onFailure().recoverWithNull())
                .chain(a -> a == null ? conflict(id) : Uni.createFrom().item(approvedNow(a, approver, keys)));
    }

    private Uni<ReservationBook.Replan> replan(String id, JsonNode arguments) {
        return Uni.createFrom().deferred(() -> Async.resumedHere(reservations.replan(id, arguments, clock.millis())))
                .onFailure(e -> Async.cause(e) instanceof CounterStoreUnavailableException).transform(e -> new ApiProblem(503,
                        "Service Unavailable", "Could not re-plan the quota reserved for this call ("
                        + Async.cause(e).getMessage() + "). Nothing was changed; the request is still pending."));
    }

    /** The arguments a request runs with: the approver's edit, else the agent's. */
    private JsonNode arguments(ApprovalRequest a) {
        try {
            return json.readTree(a.editedArguments() != null ? a.editedArguments() : a.arguments());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private Uni<ApprovalRequest> decideApproved(String id, String approver, String note, String edited, List<String> keys) {
        return store.approve(id, approver, blankToNull(note), edited, keys, clock.instant()).chain(a -> a == null
                ? conflict(id) // expired or decided by someone else since we read it
                : Uni.createFrom().item(approvedNow(a, approver, keys)));
    }

    private ApprovalRequest approvedNow(ApprovalRequest a, String approver, List<String> keys) {
        waiters.signal(a.id());
        LOG.infof("Approval request %s approved by %s%s", a.id(), approver, keys == null ? "" : " with edited " + keys);
        return a;
    }

    public Uni<ApprovalRequest> reject(String id, String approver, String reason) {
        return current(id).chain(a -> {
            open(id, found(id, a));
            return close(id, RequestStatus.REJECTED, approver, reason.strip())
                    .chain(closed -> closed != null ? Uni.createFrom().item(closed) : conflict(id));
        });
    }

    private Uni<ApprovalRequest> conflict(String id) {
        return current(id).map(now -> {
            open(id, found(id, now));
            throw changedMeanwhile(id);
        });
    }

    private static ApiProblem changedMeanwhile(String id) {
        return new ApiProblem(409, "Conflict", "Approval request '" + id + "' changed meanwhile; read it again.");
    }

    private static void open(String id, ApprovalRequest a) {
        if (!a.pending()) {
            String what = a.status() == RequestStatus.EXPIRED ? "expired at " + a.expiresAt()
                    : a.status().db() + (a.decidedBy() == null ? "" : " by " + a.decidedBy())
                    + (a.decidedAt() == null ? "" : " at " + a.decidedAt());
            throw new ApiProblem(409, "Approval request closed",
                    "Approval request '" + id + "' can no longer be decided: it was " + what + ".");
        }
    }

    private static ApprovalRequest found(String id, ApprovalRequest a) {
        if (a == null) {
            throw new ApiProblem(404, "Not Found", "No approval request '" + id + "'.");
        }
        return a;
    }

    /** Top-level keys added, removed or changed by the edit (values never leave this method). */
    List<String> changedKeys(String original, JsonNode edited) {
        JsonNode before;
        try {
            before = json.readTree(original);
        } catch (Exception e) {
            before = json.createObjectNode();
        }
        Set<String> keys = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        edited.fieldNames().forEachRemaining(keys::add);
        List<String> changed = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(before.get(k), edited.get(k))) {
                changed.add(k);
            }
        }
        return changed;
    }

    // ---------------------------------------------------------------- standing approvals

    public Uni<StandingApproval> grantStanding(String grantId, String tool, Integer calls, Integer minutes,
                                               String approver, String note) {
        if (grants.byId(grantId).isEmpty()) {
            throw new ApiProblem(422, "Unknown grant", "No live grant '" + grantId + "'.");
        }
        Instant now = clock.instant();
        StandingApproval s = new StandingApproval(java.util.UUID.randomUUID().toString(), grantId, tool, calls, 0,
                minutes == null ? null : now.plus(Duration.ofMinutes(minutes)), now, approver, blankToNull(note), null, null);
        return store.insertStanding(s).invoke(saved -> LOG.infof("Standing approval %s: %s for grant '%s' (%s), by %s",
                saved.id(), tool, grantId, remaining(saved), approver));
    }

    public Uni<StandingApproval> standing(String id) {
        return store.findStanding(id).map(s -> foundStanding(id, s));
    }

    public Uni<List<StandingApproval>> standingList(boolean includeRevoked) {
        return store.listStanding(includeRevoked);
    }

    public Uni<StandingApproval> revokeStanding(String id, String by) {
        return store.revokeStanding(id, by, clock.instant()).map(s -> foundStanding(id, s));
    }

    private static StandingApproval foundStanding(String id, StandingApproval s) {
        if (s == null) {
            throw new ApiProblem(404, "Not Found", "No standing approval '" + id + "'.");
        }
        return s;
    }

    // ---------------------------------------------------------------- mapping

    public Instant now() {
        return clock.instant();
    }

    static ApprovalUpdate update(ApprovalRequest a) {
        ApprovalUpdate.Builder u = ApprovalUpdate.newBuilder()
                .setApprovalId(a.id())
                .setStatus(a.status().proto())
                .setApprover(a.decidedBy() == null || a.status() == RequestStatus.WITHDRAWN ? "" : a.decidedBy())
                .setReason(nz(a.status() == RequestStatus.APPROVED ? a.note() : a.outcomeReason()))
                .setCreatedAtMs(a.createdAt().toEpochMilli())
                .setExpiresAtMs(a.expiresAt().toEpochMilli())
                .setDecidedAtMs(a.decidedAt() == null ? 0 : a.decidedAt().toEpochMilli());
        if (a.editedArguments() != null) {
            u.setArgumentsJson(ByteString.copyFromUtf8(a.editedArguments()));
        }
        if (a.editedKeys() != null) {
            u.addAllEditedKeys(a.editedKeys());
        }
        return u.build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
