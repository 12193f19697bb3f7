package dev.mcpgateway.demo.transport.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRegistryTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SessionRegistry registry = new SessionRegistry(clock, 2, Duration.ofMinutes(30));

    @Test
    void idleSessionsExpireAndUseKeepsThemAlive() {
        String kept = registry.create("2025-11-25").orElseThrow().id();
        String idle = registry.create("2025-11-25").orElseThrow().id();
        assertNotEquals(kept, idle);
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertTrue(registry.touch(kept).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertTrue(registry.touch(kept).isPresent(), "used 20 minutes ago");
        assertTrue(registry.touch(idle).isEmpty(), "idle for 40 minutes");
    }

    @Test
    void fullRegistryRefusesUntilSomethingExpires() {
        registry.create("2025-11-25");
        registry.create("2025-11-25");
        assertTrue(registry.create("2025-11-25").isEmpty());
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertTrue(registry.create("2025-11-25").isPresent(), "expired sessions make room");
        assertEquals(1, registry.size());
    }

    @Test
    void endedSessionsAreGone() {
        String id = registry.create("2025-06-18").orElseThrow().id();
        assertEquals("2025-06-18", registry.touch(id).orElseThrow().protocolVersion());
        assertTrue(registry.end(id));
        assertFalse(registry.end(id));
        assertTrue(registry.touch(id).isEmpty());
    }
}
