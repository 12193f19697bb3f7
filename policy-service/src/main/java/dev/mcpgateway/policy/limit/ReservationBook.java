package dev.mcpgateway.policy.limit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.policy.Async;
import dev.mcpgateway.policy.document.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Quota reserved at Decide, waiting for Settle. A reservation the proxy never settles (it crashed,
 * the connection dropped) is given back after the TTL, so lost Settles cannot starve a grant.
 * <p>
 * With counters shared by several replicas (Redis), the proxy's Settle may reach another replica than the Decide
 * did (its gRPC calls are spread round-robin). So each reservation is also recorded in the shared store, and
 * whoever acts on it without holding it here (a Settle for a decision this replica never saw, or this replica's
 * expiry) first claims the record there: exactly one replica acts. Without that, a committed call's quota was given
 * back by the deciding replica's expiry (limits then allowed more than max), and a failed call's was not given back
 * until then.
 * <p>
 * A reservation held for a human's approval ({@link #extend}) may be re-planned to the approver's edited arguments
 * ({@link #replan}) on whichever replica the approval reaches. With shared counters the record then becomes the
 * reservation: the deciding replica keeps only its expiry here, and its Settle or expiry claims the record like any
 * other replica's would, so it acts on the re-planned amounts, not on what it reserved.
 */
public class ReservationBook {
    /** @param recorded the ledger's record is the reservation (held for approval): Settle and expiry claim it */
    private record Pending(List<Charge> charges, long expiresAt, boolean recorded) {
    }

    private static final CompletionStage<Boolean> HELD = CompletableFuture.completedStage(true);
    private static final CompletionStage<Boolean> NOT_HELD = CompletableFuture.completedStage(false);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final CounterStore counters;
    /** Where reservations are recorded for other replicas; null when the counters are this replica's alone. */
    private final ReservationLedger ledger;

    /** The ledger is the counter store itself when it is one (Redis): records and counters always live together. */
    public ReservationBook(long ttlMillis, CounterStore counters) {
        this.ttlMillis = ttlMillis;
        this.counters = counters;
        this.ledger = counters instanceof ReservationLedger l ? l : null;
    }

    /**
     * Reserves {@code charges} and, when granted, holds them under {@code decisionId} until its Settle, or until the
     * TTL gives them back; with a ledger, reserving and recording are one step in the shared store. Fails with
     * {@link CounterStoreUnavailableException} when the counters cannot be reached.
     */
    public CompletionStage<ReserveResult> reserve(String decisionId, List<Charge> charges, long nowMillis) {
        long expiresAt = nowMillis + ttlMillis;
        CompletionStage<ReserveResult> reserved = ledger == null ? counters.reserveAsync(charges)
                : ledger.reserveAndRecord(decisionId, charges, expiresAt + RECORD_SLACK_MILLIS);
        return reserved.thenApply(rr -> {
            if (rr.granted()) {
                pending.put(decisionId, new Pending(charges, expiresAt, false));
            }
            return rr;
        });
    }

    /** The shared record outlives the local entry a little, so that the holder's expiry still finds it to claim. */
    static final long RECORD_SLACK_MILLIS = 60_000;

    /**
     * Keeps a reservation at least until {@code untilMillis} plus the TTL: a call held for a human's approval
     * waits up to the approval's expiry before the proxy can settle it. Completes with false when there is no
     * reservation. With a ledger the reservation is recorded for approval first (it may be re-planned elsewhere):
     * the stage completes once that is stored, or fails with {@link CounterStoreUnavailableException}.
     */
    public CompletionStage<Boolean> extend(String decisionId, long untilMillis) {
        long expiresAt = untilMillis + ttlMillis;
        if (ledger == null) {
            return CompletableFuture.completedStage(pending.computeIfPresent(decisionId, (id, old) ->
                    old.expiresAt() >= expiresAt ? old : new Pending(old.charges(), expiresAt, false)) != null);
        }
        Pending p = pending.get(decisionId);
        if (p == null) {
            return NOT_HELD;
        }
        long until = Math.max(expiresAt, p.expiresAt());
        return ledger.holdForApproval(decisionId, p.charges(), until + RECORD_SLACK_MILLIS).thenApply(v -> {
            if (pending.computeIfPresent(decisionId, (id, old) -> new Pending(old.charges(), until, true)) == null) {
                ledger.forget(decisionId); // settled here meanwhile: the record must not outlive it
                return false;
            }
            return true;
        });
    }

    /**
     * Commits (keeps the quota used) or gives it back. Returns false when no replica holds the decision's
     * reservation: it reserved nothing, was already settled, or expired.
     */
    public boolean settle(String decisionId, boolean giveBack) {
        return wait(settleAsync(decisionId, giveBack));
    }

    /**
     * {@link #settle} without waiting on the store: completes with false when there is no reservation, or
     * fails with {@link CounterStoreUnavailableException} when the quota could not be given back.
     */
    public CompletionStage<Boolean> settleAsync(String decisionId, boolean giveBack) {
        Pending p = pending.remove(decisionId);
        if (p == null) {
            return ledger == null ? NOT_HELD : ledger.claim(decisionId, giveBack);
        }
        if (p.recorded()) {
            // Held for approval: the record may have been re-planned on another replica. Should the claim fail, the
            // entry comes back so that the expiry sweep claims it later.
            return ledger.claim(decisionId, giveBack).whenComplete((held, e) -> {
                if (e != null) {
                    pending.putIfAbsent(decisionId, p);
                }
            });
        }
        if (ledger != null) {
            // Settled where it was reserved (the common case): the record only has to go, and nothing waits for that.
            // Only the deciding replica's expiry or a Settle elsewhere claims records, so none can act on it meanwhile.
            ledger.forget(decisionId);
        }
        return giveBack ? counters.releaseAsync(p.charges()).thenApply(v -> true) : HELD;
    }

    /**
     * What {@link #replan} did.
     *
     * @param limit  OVER_LIMIT: the limit the edit would exceed; UNCHARGEABLE: the limit whose argument is unusable
     * @param used   OVER_LIMIT: what that counter holds now (this call's current amount included)
     * @param before OVER_LIMIT: what this call holds of it now
     * @param after  OVER_LIMIT: what the edited arguments would need
     * @param why    UNCHARGEABLE: as Decide would say it
     */
    public record Replan(Kind kind, Limit limit, long used, long before, long after, String why) {
        public enum Kind {
            /** The reservation now holds what the arguments charge (possibly unchanged). */
            DONE,
            /** No reservation: the call reserved nothing, or it was settled or expired. */
            NOT_HELD,
            /** An increase does not fit a limit: nothing changed. */
            OVER_LIMIT,
            /** The arguments give a limit with increment_from no usable amount: nothing changed. */
            UNCHARGEABLE,
            /** Settled or re-planned by someone else while this one ran: nothing changed. */
            CHANGED_MEANWHILE
        }

        static Replan of(Kind kind) {
            return new Replan(kind, null, 0, 0, 0, null);
        }
    }

    /**
     * Re-plans a reservation held for approval to other arguments (an approver's edit): each charge of a limit with
     * {@code increment_from} changes to what these arguments charge, in the window and under the key of the original
     * Decide; other charges stay. An increase is reserved all-or-nothing against the limits first (refused: nothing
     * changes); then the reservation is swapped, only if nobody settled or re-planned it meanwhile; then a decrease is
     * given back. A Settle at any point in between therefore keeps or gives back exactly what the reservation held at
     * that moment, and what this re-plan adds or gives back afterwards is the difference. A charge whose window
     * already ended is not adjusted: the counter has moved on and counts that window no more. Fails with
     * {@link CounterStoreUnavailableException} when the store cannot be reached.
     */
    public CompletionStage<Replan> replan(String decisionId, JsonNode arguments, long nowMillis) {
        if (ledger == null) {
            Pending p = pending.get(decisionId);
            if (p == null) {
                return CompletableFuture.completedStage(Replan.of(Replan.Kind.NOT_HELD));
            }
            return replan(p.charges(), arguments, nowMillis, next ->
                    CompletableFuture.completedStage(pending.replace(decisionId, p, new Pending(next, p.expiresAt(), false))));
        }
        return ledger.read(decisionId).thenCompose(r -> r == null
                ? CompletableFuture.completedStage(Replan.of(Replan.Kind.NOT_HELD))
                : replan(r.charges(), arguments, nowMillis, next -> ledger.replace(decisionId, r.text(), next)));
    }

    private CompletionStage<Replan> replan(List<Charge> charges, JsonNode arguments, long nowMillis,
                                           Function<List<Charge>, CompletionStage<Boolean>> swap) {
        List<Charge> next = new ArrayList<>(charges.size());
        List<Charge> more = new ArrayList<>();
        List<Charge> grown = new ArrayList<>(); // the charge each of more grows
        List<Charge> less = new ArrayList<>();
        for (Charge c : charges) {
            if (c.limit().incrementFrom() == null) {
                next.add(c);
                continue;
            }
            long amount = LimitPlanner.amount(c.limit(), arguments);
            if (amount < 0) {
                return CompletableFuture.completedStage(new Replan(Replan.Kind.UNCHARGEABLE, c.limit(), 0, 0, 0,
                        LimitPlanner.unchargeable(c.limit(), arguments)));
            }
            next.add(c.withAmount(amount));
            if (c.windowEnd() > nowMillis && amount > c.amount()) {
                more.add(c.withAmount(amount - c.amount()));
                grown.add(c);
            } else if (c.windowEnd() > nowMillis && amount < c.amount()) {
                less.add(c.withAmount(c.amount() - amount));
            }
        }
        if (next.equals(charges)) {
            return CompletableFuture.completedStage(Replan.of(Replan.Kind.DONE));
        }
        return counters.reserveAsync(more).thenCompose(rr -> {
            if (!rr.granted()) {
                Charge extra = more.get(rr.refused());
                Charge held = grown.get(rr.refused());
                return CompletableFuture.completedStage(new Replan(Replan.Kind.OVER_LIMIT, extra.limit(), rr.used(),
                        held.amount(), held.amount() + extra.amount(), null));
            }
            return swap.apply(next).thenCompose(swapped -> swapped
                    ? counters.releaseAsync(less).thenApply(v -> Replan.of(Replan.Kind.DONE))
                    : counters.releaseAsync(more).thenApply(v -> Replan.of(Replan.Kind.CHANGED_MEANWHILE)));
        });
    }

    private static boolean wait(CompletionStage<Boolean> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw Async.cause(e) instanceof RuntimeException r ? r : e;
        }
    }

    /** Gives back every reservation older than the TTL; returns how many. */
    public int expire(long nowMillis) {
        int[] n = {0};
        pending.forEach((id, p) -> {
            if (p.expiresAt() <= nowMillis && pending.remove(id, p)) {
                try {
                    if (ledger == null) {
                        counters.release(p.charges());
                        n[0]++;
                    } else if (wait(ledger.claim(id, true))) {
                        n[0]++; // claimed here (false: another replica settled it meanwhile)
                    }
                } catch (CounterStoreUnavailableException e) {
                    pending.putIfAbsent(id, p); // the store is away: the next sweep tries again
                }
            }
        });
        return n[0];
    }

    public int size() {
        return pending.size();
    }
}
