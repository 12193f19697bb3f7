package dev.mcpgateway.policy.approval;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the long polls waiting on a request when this replica changes it (approve, reject, expire,
 * withdraw). Only a shortcut: a waiter also re-reads the database every sweep interval, which is how
 * it learns of a change made on another replica or before a restart.
 */
public class ApprovalWaiters {
    private final Map<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();

    /** Completes when {@link #signal} is called for {@code id}, or after {@code atMost}, whichever comes first. */
    public Uni<Void> next(String id, Duration atMost) {
        CompletableFuture<Void> f = signals.computeIfAbsent(id, k -> new CompletableFuture<>());
        // A dependent stage: on timeout Mutiny cancels the stage it was given, which must not be the shared one.
        return Uni.createFrom().completionStage(() -> f.thenApply(v -> v)).ifNoItem().after(atMost).recoverWithItem((Void) null);
    }

    public void signal(String id) {
        CompletableFuture<Void> f = signals.remove(id);
        if (f != null) {
            f.complete(null);
        }
    }

    int waiting() {
        return signals.size();
    }
}
