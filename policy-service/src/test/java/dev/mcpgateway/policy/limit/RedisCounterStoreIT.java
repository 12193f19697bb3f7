package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.document.Limit;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis counters against the real Redis at 127.0.0.1:6379 (QUARKUS_REDIS_HOSTS overrides). Two stores
 * with their own clients stand for two policy-service replicas.
 */
class RedisCounterStoreIT {
    private static final String REDIS = System.getenv().getOrDefault("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379");
    private static Vertx vertx;
    private static Redis clientA;
    private static Redis clientB;
    private static RedisCounterStore replicaA;
    private static RedisCounterStore replicaB;

    /** A fresh prefix per run, so that runs never see each other's counters. */
    private static final String PREFIX = "mcpg:it:" + UUID.randomUUID() + ":";

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        RedisOptions opts = new RedisOptions().setConnectionString(REDIS).setMaxPoolSize(8).setMaxPoolWaiting(1000);
        clientA = Redis.createClient(vertx, opts);
        clientB = Redis.createClient(vertx, new RedisOptions(opts));
        replicaA = new RedisCounterStore(vertx, clientA, PREFIX, Duration.ofSeconds(5));
        replicaB = new RedisCounterStore(vertx, clientB, PREFIX, Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        clientA.close();
        clientB.close();
        vertx.closeAndAwait();
    }

    private static Limit limit(int max) {
        return PolicyParser.parse("p", """
                {"version":"1","tools":{"t":{"limits":[{"counter":"c","window":"hour","max":%d}]}}}""".formatted(max), false)
                .exactTools().get("t").limits().get(0);
    }

    private static Charge charge(String counter, long amount, int max) {
        long now = System.currentTimeMillis();
        long start = Window.HOUR.start(now);
        return new Charge(new CounterKey("p", counter, Window.HOUR, Scope.GRANT, "g1"), start,
                start + Window.HOUR.millis(), amount, max, limit(max));
    }

    @Test
    void twoReplicasTogetherGrantExactlyMaxUnderConcurrency() throws Exception {
        Charge c = charge("race-" + UUID.randomUUID(), 1, 10);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RedisCounterStore store = i % 2 == 0 ? replicaA : replicaB;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.tryReserve(List.of(c)).granted();
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Boolean> f : results) {
                if (f.get(30, TimeUnit.SECONDS)) {
                    granted++;
                }
            }
            assertEquals(10, granted);
            assertEquals(10, replicaA.current(c.key(), c.windowStart()));
            assertEquals(10, replicaB.current(c.key(), c.windowStart()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** What Decide does on the event loop: 400 reservations sent at once, none waiting; still exactly max. */
    @Test
    void asynchronousReservationsFromTwoReplicasGrantExactlyMaxAndReleaseGivesBack() throws Exception {
        Charge c = charge("async-" + UUID.randomUUID(), 1, 25);
        List<java.util.concurrent.CompletableFuture<ReserveResult>> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sent.add((i % 2 == 0 ? replicaA : replicaB).reserveAsync(List.of(c)).toCompletableFuture());
        }
        int granted = 0;
        for (java.util.concurrent.CompletableFuture<ReserveResult> f : sent) {
            if (f.get(30, TimeUnit.SECONDS).granted()) {
                granted++;
            }
        }
        assertEquals(25, granted);
        replicaB.releaseAsync(List.of(c, c)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(23, replicaA.current(c.key(), c.windowStart()));
    }

    @Test
    void refusalReportsRemainingAndUsedLikeTheMemoryStore() {
        Charge spend = charge("spend-" + UUID.randomUUID(), 7, 10);
        ReserveResult first = replicaA.tryReserve(List.of(spend));
        assertTrue(first.granted());
        assertEquals(3, first.remaining());
        ReserveResult second = replicaB.tryReserve(List.of(spend));
        assertFalse(second.granted());
        assertEquals(0, second.refused());
        assertEquals(3, second.remaining());
        assertEquals(7, second.used());
    }

    @Test
    void reservationIsAllOrNothingAcrossCountersAndReleaseGivesBack() {
        Charge a = charge("a-" + UUID.randomUUID(), 1, 5);
        Charge b = charge("b-" + UUID.randomUUID(), 1, 1);
        assertTrue(replicaA.tryReserve(List.of(a, b)).granted());
        ReserveResult refused = replicaB.tryReserve(List.of(a, b));
        assertFalse(refused.granted());
        assertEquals(1, refused.refused());
        assertEquals(1, replicaA.current(a.key(), a.windowStart()), "nothing added to a when b refuses");

        replicaB.release(List.of(a, b));
        assertEquals(0, replicaA.current(a.key(), a.windowStart()));
        assertEquals(0, replicaA.current(b.key(), b.windowStart()));
        replicaB.release(List.of(a));
        assertEquals(0, replicaA.current(a.key(), a.windowStart()), "never below zero");
        assertTrue(replicaA.tryReserve(List.of(a, b)).granted());
    }

    @Test
    void twoLimitsOnOneCounterAddUpBeforeTheCheck() {
        String counter = "shared-" + UUID.randomUUID();
        Charge one = charge(counter, 1, 1);
        assertFalse(replicaA.tryReserve(List.of(one, one)).granted());
        assertEquals(0, replicaA.current(one.key(), one.windowStart()));
    }

    @Test
    void keysAreWindowAlignedAndExpireAfterTheWindow() {
        Charge c = charge("ttl-" + UUID.randomUUID(), 1, 3);
        replicaA.tryReserve(List.of(c));
        String key = replicaA.key(c.key(), c.windowStart());
        assertTrue(key.endsWith(":" + c.windowStart()), key);
        assertEquals(c.windowEnd() + RedisCounterStore.EXPIRY_SLACK_MILLIS, pexpireTime(key));

        // Set when the key is created only: later reservations and a release keep it.
        ReserveResult second = replicaB.tryReserve(List.of(c));
        assertTrue(second.granted());
        assertEquals(1, second.remaining(), "max 3, two used");
        replicaB.release(List.of(c));
        assertEquals(1, replicaA.current(c.key(), c.windowStart()));
        assertEquals(c.windowEnd() + RedisCounterStore.EXPIRY_SLACK_MILLIS, pexpireTime(key));
    }

    private static long pexpireTime(String key) {
        return clientA.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.PEXPIRETIME)
                .arg(key)).await().atMost(Duration.ofSeconds(5)).toLong();
    }
}
