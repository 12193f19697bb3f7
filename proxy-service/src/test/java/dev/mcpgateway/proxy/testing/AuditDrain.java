package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.proxy.audit.AuditOutbox;

/**
 * Decision events reach the test channel on the audit publisher's thread, a moment after the call's
 * answer. A test that clears the channel's sink waits for this first, so an earlier test's last event
 * cannot arrive after the clear.
 */
public final class AuditDrain {

    private AuditDrain() {
    }

    public static void await(AuditOutbox outbox) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (outbox.bufferedEvents() > 0 || outbox.spilledEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("decision events still undelivered: " + outbox.bufferedEvents());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
