package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.document.Limit;

/** One amount to add to one counter in the window [windowStart, windowEnd). */
public record Charge(CounterKey key, long windowStart, long windowEnd, long amount, long max, Limit limit) {

    /** The same counter and window with another amount (a re-planned reservation, or the difference to it). */
    public Charge withAmount(long newAmount) {
        return new Charge(key, windowStart, windowEnd, newAmount, max, limit);
    }
}
