package dev.mcpgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    /** With Redis, an approval continues on the call's Vert.x context, not on the Redis connection's. */
    @Test
    void workHandedToAContextRunsOnIt() {
        Context context = vertx.getOrCreateContext();
        assertEquals(context, Async.runOn(context, () -> Uni.createFrom().item(Vertx::currentContext)).await().indefinitely());
        assertNull(Async.runOn(null, () -> Uni.createFrom().item(Vertx::currentContext)).await().indefinitely(),
                "without a context the work runs where it is");
    }

    /** A stage completed elsewhere (the Redis connection's event loop) is delivered back on the caller's context. */
    @Test
    void aStageCompletedElsewhereIsDeliveredOnTheCallersContext() throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<String> stage = new CompletableFuture<>();
        AtomicReference<Context> deliveredOn = new AtomicReference<>();
        CountDownLatch delivered = new CountDownLatch(1);
        CountDownLatch subscribed = new CountDownLatch(1);
        caller.runOnContext(v -> {
            Async.resumedHere(stage).subscribe().with(item -> {
                deliveredOn.set(Vertx.currentContext());
                delivered.countDown();
            });
            subscribed.countDown();
        });
        assertEquals(true, subscribed.await(5, TimeUnit.SECONDS));
        Thread elsewhere = new Thread(() -> stage.complete("reserved"), "not-a-vertx-thread");
        elsewhere.start();
        assertEquals(true, delivered.await(5, TimeUnit.SECONDS));
        assertSame(caller, deliveredOn.get());
    }

    @Test
    void aCompletedStageIsDeliveredAtOnceAndWithoutAContextAsIs() {
        assertEquals("held", Async.resumedHere(CompletableFuture.completedStage("held")).await().indefinitely());
        CompletableFuture<String> later = new CompletableFuture<>();
        Uni<String> u = Async.resumedHere(later);
        later.complete("later");
        assertEquals("later", u.await().indefinitely());
    }

    @Test
    void theCauseOfAFailedStageIsWhatItWraps() {
        IllegalStateException down = new IllegalStateException("redis down");
        assertSame(down, Async.cause(new CompletionException(down)));
        assertSame(down, Async.cause(down));
        CompletionException bare = new CompletionException("no cause", null);
        assertSame(bare, Async.cause(bare), "a CompletionException without a cause is the failure itself");
    }
}
