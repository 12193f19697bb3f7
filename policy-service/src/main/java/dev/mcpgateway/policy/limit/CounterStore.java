package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rate-limit counters. Reservation is all-or-nothing across the given charges, so a call under two
 * limits never consumes one and is refused by the other. Implementations: in memory (one replica);
 * Redis (several replicas) behind the same interface.
 */
public interface CounterStore {

    /** Adds every charge if each counter stays within its max; otherwise adds nothing. */
    ReserveResult tryReserve(List<Charge> charges);

    /** Gives reserved amounts back; a charge whose window has already ended is ignored. */
    void release(List<Charge> charges);

    /** The counter's value in the given window, without changing it (explain). */
    long current(CounterKey key, long windowStart);

    /** Forgets counters whose window ended before {@code nowMillis}. */
    void evictExpired(long nowMillis);

    /**
     * {@link #tryReserve} without waiting: the result, or a {@link CounterStoreUnavailableException}, completes
     * the stage later. What Decide uses on the event loop when the store is remote ({@link #blocking()}).
     */
    default CompletionStage<ReserveResult> reserveAsync(List<Charge> charges) {
        try {
            return CompletableFuture.completedFuture(tryReserve(charges));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #release} without waiting (Settle on the event loop). */
    default CompletionStage<Void> releaseAsync(List<Charge> charges) {
        try {
            release(charges);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * True when several replicas share these counters, so a Settle may reach a replica other than the one whose
     * Decide reserved: then {@link ReservationBook} also records each reservation here ({@link #recordReservation})
     * and a replica that does not hold a decision's reservation claims it here ({@link #claimReservation}).
     */
    default boolean sharedAcrossReplicas() {
        return false;
    }

    /** Records a reservation for other replicas until {@code expiresAtMillis} (never waits; see {@link #sharedAcrossReplicas}). */
    default void recordReservation(String decisionId, List<Charge> charges, long expiresAtMillis) {
    }

    /** Deletes a recorded reservation this replica settled itself (never waits: nobody else acts on it then). */
    default void forgetReservation(String decisionId) {
    }

    /** Moves a recorded reservation's expiry (a call held for approval). Never waits. */
    default void extendReservation(String decisionId, long expiresAtMillis) {
    }

    /**
     * Takes the recorded reservation of {@code decisionId}, once across every replica: true for the one caller that
     * got it (and gave its quota back when {@code giveBack}), false when no replica holds it any more (settled or
     * claimed elsewhere, or never recorded).
     */
    default CompletionStage<Boolean> claimReservation(String decisionId, boolean giveBack) {
        return CompletableFuture.completedFuture(false);
    }

    /**
     * True when the synchronous methods wait on the network: on an event loop, use {@link #reserveAsync} and
     * {@link #releaseAsync} instead. Implementations that cannot reach their store throw (or fail the stage
     * with) {@link CounterStoreUnavailableException}.
     */
    default boolean blocking() {
        return false;
    }
}
