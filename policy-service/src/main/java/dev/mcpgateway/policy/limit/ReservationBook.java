package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

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
 */
public class ReservationBook {
    private record Pending(CounterStore store, List<Charge> charges, long expiresAt) {
    }

    private static final CompletionStage<Boolean> HELD = CompletableFuture.completedStage(true);
    private static final CompletionStage<Boolean> NOT_HELD = CompletableFuture.completedStage(false);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final long ttlMillis;
    /** The store Settles for decisions this replica does not hold are claimed in; null when counters are not shared. */
    private final CounterStore shared;

    public ReservationBook(long ttlMillis) {
        this(ttlMillis, null);
    }

    public ReservationBook(long ttlMillis, CounterStore counters) {
        this.ttlMillis = ttlMillis;
        this.shared = counters != null && counters.sharedAcrossReplicas() ? counters : null;
    }

    public void hold(String decisionId, CounterStore store, List<Charge> charges, long nowMillis) {
        long expiresAt = nowMillis + ttlMillis;
        pending.put(decisionId, new Pending(store, charges, expiresAt));
        if (store.sharedAcrossReplicas()) {
            store.recordReservation(decisionId, charges, expiresAt + RECORD_SLACK_MILLIS);
        }
    }

    /** The shared record outlives the local entry a little, so that the holder's expiry still finds it to claim. */
    static final long RECORD_SLACK_MILLIS = 60_000;

    /**
     * Keeps a reservation at least until {@code untilMillis} plus the TTL: a call held for a human's approval
     * waits up to the approval's expiry before the proxy can settle it. False when there is no reservation.
     */
    public boolean extend(String decisionId, long untilMillis) {
        long expiresAt = untilMillis + ttlMillis;
        Pending p = pending.computeIfPresent(decisionId, (id, old) -> old.expiresAt() >= expiresAt ? old
                : new Pending(old.store(), old.charges(), expiresAt));
        if (p != null && p.store().sharedAcrossReplicas()) {
            p.store().extendReservation(decisionId, p.expiresAt() + RECORD_SLACK_MILLIS);
        }
        return p != null;
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
            return shared == null ? NOT_HELD : shared.claimReservation(decisionId, giveBack);
        }
        if (p.store().sharedAcrossReplicas()) {
            // Settled where it was reserved (the common case): the record only has to go, and nothing waits for that.
            // Only the deciding replica's expiry or a Settle elsewhere claims records, so none can act on it meanwhile.
            p.store().forgetReservation(decisionId);
        }
        return giveBack ? p.store().releaseAsync(p.charges()).thenApply(v -> true) : HELD;
    }

    private static boolean wait(CompletionStage<Boolean> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Gives back every reservation older than the TTL; returns how many. */
    public int expire(long nowMillis) {
        int[] n = {0};
        pending.forEach((id, p) -> {
            if (p.expiresAt() <= nowMillis && pending.remove(id, p)) {
                try {
                    if (!p.store().sharedAcrossReplicas()) {
                        p.store().release(p.charges());
                        n[0]++;
                    } else if (wait(p.store().claimReservation(id, true))) {
                        n[0]++; // not claimed: another replica settled it
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
