package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rate-limit counters. Reservation is all-or-nothing across the given charges, so a call under two
 * limits never consumes one and is refused by the other. Implementations: in memory (one replica);
 * Redis (several replicas) behind the same interface. What a reservation is waiting for (its Settle) is
 * {@link ReservationBook}'s, and with several replicas also {@link ReservationLedger}'s.
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
     * True when the synchronous methods wait on the network: on an event loop, use {@link #reserveAsync} and
     * {@link #releaseAsync} instead. Implementations that cannot reach their store throw (or fail the stage
     * with) {@link CounterStoreUnavailableException}.
     */
    default boolean blocking() {
        return false;
    }
}
