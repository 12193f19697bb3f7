package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared Redis connection is not kept once it failed: a Redis that hangs up on every connection gets a new
 * connection attempt for each later command (so a Redis that comes back is used again), and every command
 * fails closed. No Redis needed: a socket that closes what it accepts.
 */
class RedisPipeTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    private static Charge charge() {
        long start = Window.MINUTE.start(System.currentTimeMillis());
        return new Charge(new CounterKey("p", "c", Window.MINUTE, Scope.GRANT, "g"), start, start + Window.MINUTE.millis(),
                1, 10, PolicyParser.parse("p", """
                        {"version":"1","tools":{"t":{"limits":[{"counter":"c","window":"minute","max":10}]}}}""", false)
                        .exactTools().get("t").limits().get(0));
    }

    @Test
    void aFailedConnectionIsDroppedAndTheNextCommandConnectsAgain() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hangUp.isClosed()) {
                    try (Socket s = hangUp.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + hangUp.getLocalPort());
            try {
                RedisCounterStore store = new RedisCounterStore(vertx, client, "mcpg:test:", Duration.ofMillis(500));
                for (int i = 0; i < 3; i++) {
                    int before = accepted.get();
                    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                            () -> store.reserveAsync(List.of(charge())).toCompletableFuture().join());
                    assertInstanceOf(CounterStoreUnavailableException.class, e.getCause(), "fails closed");
                    assertTrue(accepted.get() > before, "command " + (i + 1) + " connected again");
                }
            } finally {
                client.close();
            }
        }
    }
}
