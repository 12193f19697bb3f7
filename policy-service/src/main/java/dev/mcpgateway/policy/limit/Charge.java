package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.document.Limit;

/** One amount to add to one counter in the window [windowStart, windowEnd). */
public record Charge(CounterKey key, long windowStart, long windowEnd, long amount, long max, Limit limit) {
}
