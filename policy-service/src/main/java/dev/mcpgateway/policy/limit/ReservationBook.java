package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quota reserved at Decide, waiting for Settle. A reservation the proxy never settles (it crashed,
 * the connection dropped) is given back after the TTL, so lost Settles cannot starve a grant.
 */
public class ReservationBook {
    private record Pending(CounterStore store, List<Charge> charges, long expiresAt) {
    }

    private static final CompletionStage<Boolean> HELD = CompletableFuture.completedStage(true);
    private static final CompletionStage<Boolean> NOT_HELD = CompletableFuture.completedStage(false);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final long ttlMillis;

    public ReservationBook(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    public void hold(String decisionId, CounterStore store, List<Charge> charges, long nowMillis) {
        pending.put(decisionId, new Pending(store, charges, nowMillis + ttlMillis));
    }

    /**
     * Keeps a reservation at least until {@code untilMillis} plus the TTL: a call held for a human's approval
     * waits up to the approval's expiry before the proxy can settle it. False when there is no reservation.
     */
    public boolean extend(String decisionId, long untilMillis) {
        long expiresAt = untilMillis + ttlMillis;
        return pending.computeIfPresent(decisionId, (id, p) -> p.expiresAt() >= expiresAt ? p
                : new Pending(p.store(), p.charges(), expiresAt)) != null;
    }

    /**
     * Commits (keeps the quota used) or gives it back. Returns false when the decision holds no
     * reservation: it reserved nothing, was already settled, or expired.
     */
    public boolean settle(String decisionId, boolean giveBack) {
        Pending p = pending.remove(decisionId);
        if (p == null) {
            return false;
        }
        if (giveBack) {
            p.store().release(p.charges());
        }
        return true;
    }

    /**
     * {@link #settle} without waiting on the store: completes with false when there is no reservation, or
     * fails with {@link CounterStoreUnavailableException} when the quota could not be given back.
     */
    public CompletionStage<Boolean> settleAsync(String decisionId, boolean giveBack) {
        Pending p = pending.remove(decisionId);
        if (p == null) {
            return NOT_HELD;
        }
        return giveBack ? p.store().releaseAsync(p.charges()).thenApply(v -> true) : HELD;
    }

    /** Gives back every reservation older than the TTL; returns how many. */
    public int expire(long nowMillis) {
        int[] n = {0};
        pending.forEach((id, p) -> {
            if (p.expiresAt() <= nowMillis && pending.remove(id, p)) {
                p.store().release(p.charges());
                n[0]++;
            }
        });
        return n[0];
    }

    public int size() {
        return pending.size();
    }
}
