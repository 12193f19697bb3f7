package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two policy-service replicas sharing Redis counters, as the Helm chart runs them: the proxy's gRPC calls are spread
 * round-robin, so a decision's Settle often reaches the replica that did not reserve. Each replica here is a
 * {@link RedisCounterStore} with its own client and a {@link ReservationBook}; the real Redis at 127.0.0.1:6379.
 */
class SharedReservationsIT {
    private static final String REDIS = System.getenv().getOrDefault("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379");
    private static final String PREFIX = "mcpg:it:" + UUID.randomUUID() + ":";
    private static final long TTL = 60_000;
    private static Vertx vertx;
    private static Redis clientA;
    private static Redis clientB;
    private static RedisCounterStore storeA;
    private static RedisCounterStore storeB;
    private static ReservationBook bookA;
    private static ReservationBook bookB;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        RedisOptions opts = new RedisOptions().setConnectionString(REDIS);
        clientA = Redis.createClient(vertx, opts);
        clientB = Redis.createClient(vertx, new RedisOptions(opts));
        storeA = new RedisCounterStore(clientA, PREFIX, Duration.ofSeconds(5));
        storeB = new RedisCounterStore(clientB, PREFIX, Duration.ofSeconds(5));
        bookA = new ReservationBook(TTL, storeA);
        bookB = new ReservationBook(TTL, storeB);
    }

    @AfterAll
    static void close() {
        clientA.close();
        clientB.close();
        vertx.closeAndAwait();
    }

    /** Replica A's Decide: reserves one unit of a max-1 day limit and holds it under a new decision id. */
    private static String decideOnA(Charge c, long now) {
        assertTrue(storeA.tryReserve(List.of(c)).granted());
        String id = UUID.randomUUID().toString();
        bookA.hold(id, storeA, List.of(c), now);
        awaitRecorded(id, true);
        return id;
    }

    private static Charge charge() {
        long now = System.currentTimeMillis();
        long start = Window.DAY.start(now);
        var limit = PolicyParser.parse("p", """
                {"version":"1","tools":{"t":{"limits":[{"counter":"c","window":"day","max":1}]}}}""", false)
                .exactTools().get("t").limits().get(0);
        return new Charge(new CounterKey("p", "c-" + UUID.randomUUID(), Window.DAY, Scope.GRANT, "g"), start,
                start + Window.DAY.millis(), 1, 1, limit);
    }

    private static Response redis(Command command, String id) {
        return clientA.send(Request.cmd(command).arg(storeA.reservationKey(id))).await().atMost(Duration.ofSeconds(5));
    }

    /** Recording and deleting are sent without waiting for them: a Settle follows an upstream call, so in practice they are done. */
    private static void awaitRecorded(String id, boolean recorded) {
        long until = System.currentTimeMillis() + 5_000;
        while ((redis(Command.EXISTS, id).toInteger() == 1) != recorded) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("reservation " + id + (recorded ? " was never recorded" : " was never deleted"));
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aCallCommittedOnTheOtherReplicaStaysCountedWhenTheDecidingReplicaExpiresItsReservation() {
        Charge c = charge();
        long now = System.currentTimeMillis();
        String id = decideOnA(c, now);

        assertTrue(bookB.settle(id, false), "B settles a decision it did not reserve: it claims A's record");
        assertEquals(0, bookA.expire(now + TTL + 1), "A's expiry finds the reservation settled elsewhere");
        assertEquals(1, storeA.current(c.key(), c.windowStart()), "the committed call still counts");
        assertFalse(storeB.tryReserve(List.of(c)).granted(), "so max 1 allows no second call");
        assertFalse(bookA.settle(id, true), "a duplicate Settle finds nothing, gives nothing back");
        assertEquals(1, storeA.current(c.key(), c.windowStart()));
    }

    @Test
    void aFailedCallSettledOnTheOtherReplicaIsGivenBackAtOnce() {
        Charge c = charge();
        String id = decideOnA(c, System.currentTimeMillis());

        assertTrue(bookB.settle(id, true));
        assertEquals(0, storeB.current(c.key(), c.windowStart()), "given back by B, not TTL later by A");
        assertEquals(0, bookA.expire(System.currentTimeMillis() + TTL + 1), "and A does not give it back a second time");
        assertEquals(0, storeB.current(c.key(), c.windowStart()));
        assertTrue(storeB.tryReserve(List.of(c)).granted());
    }

    @Test
    void anUnsettledReservationIsGivenBackOnceByTheDecidingReplicasExpiry() {
        Charge c = charge();
        long now = System.currentTimeMillis();
        String id = decideOnA(c, now);

        assertEquals(1, bookA.expire(now + TTL + 1));
        assertEquals(0, storeA.current(c.key(), c.windowStart()));
        assertFalse(bookB.settle(id, true), "a Settle after the expiry finds nothing");
        assertEquals(0, storeA.current(c.key(), c.windowStart()), "never below what was given back");
    }

    @Test
    void aSettleOnTheDecidingReplicaRemovesTheRecordSoNoOtherReplicaActsOnIt() {
        Charge c = charge();
        String id = decideOnA(c, System.currentTimeMillis());

        assertTrue(bookA.settle(id, false));
        awaitRecorded(id, false);
        assertFalse(bookB.settle(id, true), "B cannot give back a call A committed");
        assertEquals(1, storeB.current(c.key(), c.windowStart()));
    }

    @Test
    void anApprovalHoldMovesTheRecordsExpiryWithTheLocalOne() {
        Charge c = charge();
        long now = System.currentTimeMillis();
        String id = decideOnA(c, now);
        long approvalExpiry = now + 10 * 60_000;
        assertTrue(bookA.extend(id, approvalExpiry));
        long pttl = redis(Command.PTTL, id).toLong();
        long until = System.currentTimeMillis() + 5_000;
        while (pttl < 10 * 60_000 && System.currentTimeMillis() < until) { // the extension is sent without waiting
            pttl = redis(Command.PTTL, id).toLong();
        }
        assertTrue(pttl > 10 * 60_000, "the record lives past the approval's expiry plus the TTL, was " + pttl);
        assertTrue(bookB.settle(id, true));
    }
}
