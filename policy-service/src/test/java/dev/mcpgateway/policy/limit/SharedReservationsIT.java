package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.document.PolicyDocument;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two policy-service replicas sharing Redis counters, as the Helm chart runs them: the proxy's gRPC calls are spread
 * round-robin, so a decision's Settle, like an approver's edit of a held call, often reaches the replica that did not
 * reserve. Each replica here is a {@link RedisCounterStore} with its own client and a {@link ReservationBook}; the
 * real Redis at 127.0.0.1:6379.
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
        storeA = new RedisCounterStore(vertx, clientA, PREFIX, Duration.ofSeconds(5));
        storeB = new RedisCounterStore(vertx, clientB, PREFIX, Duration.ofSeconds(5));
        bookA = new ReservationBook(TTL, storeA);
        bookB = new ReservationBook(TTL, storeB);
    }

    @AfterAll
    static void close() {
        clientA.close();
        clientB.close();
        vertx.closeAndAwait();
    }

    /**
     * Replica A's Decide: reserves one unit of a max-1 day limit and holds it under a new decision id. The reserve
     * script wrote the record: it is there as soon as the reservation is.
     */
    private static String decideOnA(Charge c, long now) {
        String id = UUID.randomUUID().toString();
        assertTrue(bookA.reserve(id, List.of(c), now).toCompletableFuture().join().granted());
        assertEquals(1, redis(Command.EXISTS, id).toInteger(), "recorded with the reservation");
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
    void settlesOnTheDecidingReplicaDeleteTheirRecordsTogether() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(decideOnA(charge(), System.currentTimeMillis()));
        }
        ids.forEach(id -> assertTrue(bookA.settle(id, false)));
        ids.forEach(id -> awaitRecorded(id, false)); // BatchedDeletes: one DEL per few ms, none lost
    }

    @Test
    void aRefusedReservationWritesNoRecord() {
        Charge c = charge();
        String first = decideOnA(c, System.currentTimeMillis());
        String refused = UUID.randomUUID().toString();

        assertFalse(bookA.reserve(refused, List.of(c), System.currentTimeMillis()).toCompletableFuture().join().granted());
        assertEquals(0, redis(Command.EXISTS, refused).toInteger());
        assertFalse(bookB.settle(refused, true), "so no replica can give back what was never reserved");
        assertEquals(1, storeB.current(c.key(), c.windowStart()));
        assertTrue(bookA.settle(first, false)); // bookA is shared: leave nothing for another test's expiry sweep
    }

    /** On Redis Cluster the record is a command of its own after the reservation: the replicas work together the same. */
    @Test
    void withoutTheRecordInTheReserveScriptAFailedCallSettledElsewhereIsGivenBack() {
        RedisCounterStore clusterStyle = new RedisCounterStore(vertx, clientA, PREFIX, Duration.ofSeconds(5), false);
        ReservationBook book = new ReservationBook(TTL, clusterStyle);
        Charge c = charge();
        String id = UUID.randomUUID().toString();
        assertTrue(book.reserve(id, List.of(c), System.currentTimeMillis()).toCompletableFuture().join().granted());
        awaitRecorded(id, true);

        assertTrue(bookB.settle(id, true));
        assertEquals(0, storeB.current(c.key(), c.windowStart()));
        assertEquals(0, book.expire(System.currentTimeMillis() + TTL + 1), "claimed by B: not given back twice");
        String second = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        assertTrue(book.reserve(second, List.of(c), System.currentTimeMillis()).toCompletableFuture().join().granted());
        assertFalse(book.reserve(refused, List.of(c), System.currentTimeMillis()).toCompletableFuture().join().granted());
        assertEquals(0, redis(Command.EXISTS, refused).toInteger(), "a refusal records nothing here either");
        assertTrue(book.settle(second, false));
    }

    @Test
    void anApprovalHoldMovesTheRecordsExpiryWithTheLocalOne() {
        Charge c = charge();
        long now = System.currentTimeMillis();
        String id = decideOnA(c, now);
        long approvalExpiry = now + 10 * 60_000;
        assertTrue(bookA.extend(id, approvalExpiry).toCompletableFuture().join());
        long pttl = redis(Command.PTTL, id).toLong();
        long until = System.currentTimeMillis() + 5_000;
        while (pttl < 10 * 60_000 && System.currentTimeMillis() < until) { // the extension is sent without waiting
            pttl = redis(Command.PTTL, id).toLong();
        }
        assertTrue(pttl > 10 * 60_000, "the record lives past the approval's expiry plus the TTL, was " + pttl);
        assertTrue(bookB.settle(id, true));
    }

    // ---------------------------------------------------------------- approval holds re-planned to an approver's edit

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A spend cap (increment_from args.amount, max 1000 per day) and 10 calls a day, on fresh counters. */
    private static PolicyDocument spendPolicy() {
        String n = UUID.randomUUID().toString();
        return PolicyParser.parse("p", """
                {"version":"1","tools":{"pay":{"action":"require_approval","limits":[
                  {"counter":"spend-%s","window":"day","max":1000,"increment_from":"args.amount"},
                  {"counter":"calls-%s","window":"day","max":10}]}}}""".formatted(n, n), false);
    }

    private static JsonNode args(long amount) {
        return JSON.createObjectNode().put("amount", amount);
    }

    private static List<Charge> plan(PolicyDocument p, JsonNode args) {
        LimitPlan plan = LimitPlanner.plan(p, p.exactTools().get("pay"), "g", "s", args, System.currentTimeMillis());
        assertTrue(plan.chargeable(), plan.why());
        return plan.charges();
    }

    /** Replica A decides a call that needs approval: reserves the charges, holds them, and records them for approval. */
    private static String heldOnA(List<Charge> charges) {
        String id = UUID.randomUUID().toString();
        assertTrue(bookA.reserve(id, charges, System.currentTimeMillis()).toCompletableFuture().join().granted());
        assertTrue(bookA.extend(id, System.currentTimeMillis() + 300_000).toCompletableFuture().join());
        return id;
    }

    private static ReservationBook.Replan replanOnB(String id, long amount) {
        return bookB.replan(id, args(amount), System.currentTimeMillis()).toCompletableFuture().join();
    }

    private static long used(Charge c) {
        return storeA.current(c.key(), c.windowStart());
    }

    @Test
    void aDecreaseApprovedOnTheOtherReplicaIsWhatTheDecidingReplicasSettleGivesBack() {
        PolicyDocument p = spendPolicy();
        List<Charge> charges = plan(p, args(500));
        String id = heldOnA(charges);
        assertEquals(500, used(charges.get(0)));

        assertEquals(ReservationBook.Replan.Kind.DONE, replanOnB(id, 100).kind());
        assertEquals(100, used(charges.get(0)), "the 400 go back at once");
        assertEquals(1, used(charges.get(1)), "the call counter is not touched");
        assertTrue(bookA.settle(id, true), "A's Settle claims the re-planned record");
        assertEquals(0, used(charges.get(0)), "exactly the edited amount given back");
        assertEquals(0, used(charges.get(1)));
        assertFalse(bookB.settle(id, true), "once");
        assertEquals(0, bookA.expire(System.currentTimeMillis() + 400_000 + TTL), "and A's expiry has nothing left");
        assertEquals(0, used(charges.get(0)));
    }

    @Test
    void anIncreaseApprovedOnTheOtherReplicaAndCommittedStaysCountedInFull() {
        PolicyDocument p = spendPolicy();
        List<Charge> charges = plan(p, args(100));
        String id = heldOnA(charges);

        assertEquals(ReservationBook.Replan.Kind.DONE, replanOnB(id, 700).kind());
        assertEquals(700, used(charges.get(0)));
        assertTrue(bookB.settle(id, false), "the call ran: committed on B");
        assertEquals(700, used(charges.get(0)));
        assertEquals(0, bookA.expire(System.currentTimeMillis() + 400_000 + TTL), "A's expiry finds it settled");
        assertEquals(700, used(charges.get(0)), "the committed edit keeps counting");
        assertFalse(storeB.tryReserve(plan(p, args(301))).granted(), "so only 300 are left of the cap");
    }

    @Test
    void anIncreaseCommittedOnTheDecidingReplicaKeepsTheEditedAmount() {
        PolicyDocument p = spendPolicy();
        List<Charge> charges = plan(p, args(100));
        String id = heldOnA(charges);

        assertEquals(ReservationBook.Replan.Kind.DONE, replanOnB(id, 250).kind());
        assertTrue(bookA.settle(id, false));
        assertEquals(250, used(charges.get(0)));
        assertFalse(bookB.settle(id, true), "a duplicate Settle gives nothing back");
        assertEquals(250, used(charges.get(0)));
    }

    @Test
    void anIncreaseOverTheCapOnTheOtherReplicaIsRefusedAndChangesNothing() {
        PolicyDocument p = spendPolicy();
        assertTrue(storeA.tryReserve(plan(p, args(600))).granted()); // another call's 600
        List<Charge> charges = plan(p, args(300));
        String id = heldOnA(charges);
        String record = redis(Command.GET, id).toString();

        ReservationBook.Replan r = replanOnB(id, 500);
        assertEquals(ReservationBook.Replan.Kind.OVER_LIMIT, r.kind());
        assertEquals(900, r.used());
        assertEquals(300, r.before());
        assertEquals(500, r.after());
        assertEquals(900, used(charges.get(0)), "nothing reserved");
        assertEquals(record, redis(Command.GET, id).toString(), "the record is unchanged");

        ReservationBook.Replan missing = bookB.replan(id, JSON.createObjectNode(), System.currentTimeMillis())
                .toCompletableFuture().join();
        assertEquals(ReservationBook.Replan.Kind.UNCHARGEABLE, missing.kind(), "a missing amount is refused, fail closed");
        assertEquals(record, redis(Command.GET, id).toString());

        assertTrue(bookB.settle(id, true));
        assertEquals(600, used(charges.get(0)), "the original 300 given back");
    }

    @Test
    void aRecordChangedSinceItWasReadIsNotOverwritten() {
        PolicyDocument p = spendPolicy();
        List<Charge> charges = plan(p, args(100));
        String id = heldOnA(charges);
        String stale = redis(Command.GET, id).toString();
        assertEquals(ReservationBook.Replan.Kind.DONE, replanOnB(id, 200).kind());
        assertFalse(storeA.replace(id, stale, charges).toCompletableFuture().join(), "compare-and-set on the record");
        assertTrue(bookA.settle(id, true));
        assertEquals(0, used(charges.get(0)));
        assertEquals(ReservationBook.Replan.Kind.NOT_HELD, replanOnB(id, 50).kind(), "settled: nothing to re-plan");
        assertEquals(0, used(charges.get(0)));
    }
}
