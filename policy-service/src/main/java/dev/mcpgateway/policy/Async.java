package dev.mcpgateway.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Crossing from a counter store's stages back to a caller's Vert.x context. With Redis counters a reservation
 * completes on the Redis connection's event loop, while Hibernate Reactive (the approvals store) must be used from
 * the caller's own context; and a failed stage arrives wrapped in a {@link CompletionException}.
 */
public final class Async {
    private Async() {
    }

    /** Runs {@code work} on {@code context}: as is without one, or when already there. */
    public static <T> Uni<T> runOn(Context context, Supplier<Uni<T>> work) {
        if (context == null || Vertx.currentContext() == context) {
            return work.get();
        }
        return Uni.createFrom().<T>deferred(work::get).runSubscriptionOn(task -> context.runOnContext(v -> task.run()));
    }

    /**
     * The stage's outcome, delivered on the current Vert.x context (the caller's): as is without one, or when the
     * stage already completed (then it is delivered right here).
     */
    public static <T> Uni<T> resumedHere(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        Uni<T> u = Uni.createFrom().completionStage(stage);
        return caller == null || stage.toCompletableFuture().isDone() ? u
                : u.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    /** What a stage failed with: the cause a {@link CompletionException} wraps, else the failure itself. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
