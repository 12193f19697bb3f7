package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-planning a reservation held for approval to an approver's edited arguments, with counters in memory. */
class ReservationBookTest {
    private static final long T0 = 1_735_732_800_000L; // 2025-01-01T12:00:00Z
    private static final long TTL = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A spend cap of 1000 per day (increment_from) and 10 calls per day on the same tool. */
    private static final PolicyDocument POLICY = PolicyParser.parse("p", """
            {"version":"1","tools":{"pay":{"action":"require_approval","limits":[
              {"counter":"spend","window":"day","max":1000,"increment_from":"args.amount"},
              {"counter":"calls","window":"day","max":10}]}}}""", false);

    private final InMemoryCounterStore counters = new InMemoryCounterStore();
    private final ReservationBook book = new ReservationBook(TTL, counters);

    private static JsonNode args(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Charge> plan(String json) {
        LimitPlan p = LimitPlanner.plan(POLICY, POLICY.exactTools().get("pay"), "g", "s", args(json), T0);
        assertTrue(p.chargeable(), p.why());
        return p.charges();
    }

    /** Decide for a held call: reserves, holds, and extends the hold to the approval's expiry. */
    private String held(String id, String json) {
        List<Charge> charges = plan(json);
        assertTrue(book.reserve(id, charges, T0).toCompletableFuture().join().granted());
        assertTrue(book.extend(id, T0 + 300_000).toCompletableFuture().join());
        return id;
    }

    private ReservationBook.Replan replan(String id, String json) {
        return book.replan(id, args(json), T0 + 1_000).toCompletableFuture().join();
    }

    private long spent() {
        Charge c = plan("{\"amount\":0}").get(0);
        return counters.current(c.key(), c.windowStart());
    }

    private long calls() {
        Charge c = plan("{\"amount\":0}").get(1);
        return counters.current(c.key(), c.windowStart());
    }

    @Test
    void aDecreaseGivesTheDifferenceBackAtOnceAndSettleActsOnTheEditedAmount() {
        held("d1", "{\"amount\":500}");
        assertEquals(500, spent());

        assertEquals(ReservationBook.Replan.Kind.DONE, replan("d1", "{\"amount\":100}").kind());
        assertEquals(100, spent(), "400 given back before the call runs");
        assertEquals(1, calls(), "a limit without increment_from is not touched");
        assertTrue(book.settle("d1", true));
        assertEquals(0, spent(), "a failed call gives back exactly the edited amount");
        assertEquals(0, calls());
    }

    @Test
    void anIncreaseWithinTheCapIsReservedAndCommittedAsEdited() {
        held("i1", "{\"amount\":100}");
        assertEquals(ReservationBook.Replan.Kind.DONE, replan("i1", "{\"amount\":\"899.5\"}").kind());
        assertEquals(900, spent(), "a numeric string counts, rounded up, as at Decide");
        assertTrue(book.settle("i1", false));
        assertEquals(900, spent(), "the committed call keeps the edited amount");
        assertFalse(book.settle("i1", true), "settled once");
        assertEquals(900, spent());
    }

    @Test
    void anIncreaseOverTheCapIsRefusedAndChangesNothing() {
        held("other", "{\"amount\":600}");
        held("o1", "{\"amount\":300}");
        assertEquals(900, spent());

        ReservationBook.Replan r = replan("o1", "{\"amount\":500}");
        assertEquals(ReservationBook.Replan.Kind.OVER_LIMIT, r.kind());
        assertEquals("spend", r.limit().counter());
        assertEquals(900, r.used());
        assertEquals(300, r.before());
        assertEquals(500, r.after());
        assertEquals(900, spent(), "nothing reserved");
        assertEquals(2, calls());
        assertTrue(book.settle("o1", true));
        assertEquals(600, spent(), "the reservation still holds the original amount");

        assertEquals(ReservationBook.Replan.Kind.DONE, replan("other", "{\"amount\":1000}").kind(), "exactly the cap fits");
        assertEquals(1000, spent());
    }

    @Test
    void anEditWithoutAUsableAmountIsRefusedLikeDecideWouldRefuseIt() {
        held("m1", "{\"amount\":200}");
        for (String bad : new String[] {"{}", "{\"amount\":null}", "{\"amount\":-1}", "{\"amount\":\"lots\"}", "{\"amount\":[5]}"}) {
            ReservationBook.Replan r = replan("m1", bad);
            assertEquals(ReservationBook.Replan.Kind.UNCHARGEABLE, r.kind(), bad);
            assertEquals("spend", r.limit().counter());
            assertEquals(200, spent(), bad + " changed nothing");
        }
        assertEquals("argument args.amount is required by limit 'spend'", replan("m1", "{}").why());
        assertEquals("argument args.amount must be a non-negative number for limit 'spend'", replan("m1", "{\"amount\":-1}").why());
        assertTrue(book.settle("m1", true));
        assertEquals(0, spent());
    }

    @Test
    void aReservationThatIsNotHeldHasNothingToReplan() {
        assertEquals(ReservationBook.Replan.Kind.NOT_HELD, replan("never", "{\"amount\":1}").kind());
        held("s1", "{\"amount\":10}");
        assertTrue(book.settle("s1", false));
        assertEquals(ReservationBook.Replan.Kind.NOT_HELD, replan("s1", "{\"amount\":1}").kind());
        assertEquals(10, spent(), "a settled call is not re-planned");
    }

    @Test
    void aWindowThatEndedWhileWaitingIsNotAdjusted() {
        held("w1", "{\"amount\":300}");
        long nextDay = T0 + 86_400_000L;
        assertEquals(ReservationBook.Replan.Kind.DONE,
                book.replan("w1", args("{\"amount\":900}"), nextDay).toCompletableFuture().join().kind());
        assertEquals(300, spent(), "yesterday's counter is not charged again");
    }

    @Test
    void theExpiryGivesBackTheEditedAmount() {
        held("e1", "{\"amount\":700}");
        assertEquals(ReservationBook.Replan.Kind.DONE, replan("e1", "{\"amount\":50}").kind());
        assertEquals(0, book.expire(T0 + 300_000 + TTL - 1), "held until the approval's expiry plus the TTL");
        assertEquals(1, book.expire(T0 + 300_000 + TTL));
        assertEquals(0, spent());
        assertEquals(0, calls());
    }
}
