package dev.mcpgateway.policy.limit;

import java.util.List;

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
     * True when calls wait on the network: they must then run off the event loop. Implementations
     * that cannot reach their store throw {@link CounterStoreUnavailableException}.
     */
    default boolean blocking() {
        return false;
    }
}
