package dev.mcpgateway.proxy.audit;

import java.util.concurrent.CompletableFuture;

/**
 * Hands one record to the audit log's broker. The future completes when the broker acknowledged it, or
 * fails (within a bounded time) when it did not; it is never left pending forever.
 */
public interface AuditTransport {

    /** May throw instead of returning a failed future (e.g. no broker metadata in time); the publisher treats both alike. */
    CompletableFuture<Void> send(AuditRecord record);

    default void close() {
    }
}
