package dev.mcpgateway.policy.decision;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * UUIDv7 decision ids (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence within the
 * millisecond (rand_a used as a counter, RFC 9562 method 1), then 62 random bits. Ids from one
 * process are strictly increasing even within a millisecond or if the clock steps back; random
 * bits keep replicas from colliding.
 */
public final class DecisionIds {
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;
    /** (millis << 12) | sequence of the last id issued. */
    private final AtomicLong last = new AtomicLong();

    public DecisionIds(LongSupplier clock) {
        this.clock = clock;
    }

    public UUID next() {
        long now = clock.getAsLong() << 12;
        long prev;
        long ts;
        do {
            prev = last.get();
            ts = Math.max(now, prev + 1);
        } while (!last.compareAndSet(prev, ts));
        long millis = ts >>> 12;
        long seq = ts & 0xFFF;
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
