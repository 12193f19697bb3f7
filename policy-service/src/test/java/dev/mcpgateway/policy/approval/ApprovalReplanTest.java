package dev.mcpgateway.policy.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.limit.Charge;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.LimitPlanner;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.support.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Approvals#approve} with edits against a spend cap, the database replaced by a fake whose guarded UPDATE can
 * be made to lose (someone else decided the request in between): what the held reservation ends up holding.
 */
class ApprovalReplanTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyDocument POLICY = PolicyParser.parse("p", """
            {"version":"1","tools":{"pay":{"action":"require_approval","limits":[
              {"counter":"spend","window":"day","max":1000,"increment_from":"args.amount"}]}}}""", false);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryCounterStore counters = new InMemoryCounterStore();
    private final ReservationBook book = new ReservationBook(60_000, counters);
    private final FakeStore store = new FakeStore();
    private final Approvals approvals = new Approvals(store, new ApprovalWaiters(), new AnySchema(), null,
            new GrantRegistry(), book, clock, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(1));

    /**
     * The database: one request. approve() and approveLocked() win or lose as told (losing: someone else decided the
     * request before this approval took the row's lock, so its re-plan never runs); approveLocked() can also fail
     * after its re-plan, as a database that goes away would.
     */
    static final class FakeStore extends ApprovalStore {
        ApprovalRequest row;
        ApprovalRequest afterLosing;
        boolean loses;
        boolean failsAfterFirst;
        boolean firstRan;
        final AtomicInteger approves = new AtomicInteger();

        FakeStore() {
            super(null);
        }

        @Override
        public Uni<ApprovalRequest> find(String id) {
            return Uni.createFrom().item(row);
        }

        @Override
        public Uni<ApprovalRequest> approve(String id, String approver, String note, String editedArguments,
                                            List<String> editedKeys, Instant now) {
            approves.incrementAndGet();
            if (loses) {
                row = afterLosing;
                return Uni.createFrom().nullItem();
            }
            row = request(RequestStatus.APPROVED, row.arguments(), editedArguments, approver);
            return Uni.createFrom().item(row);
        }

        @Override
        public Uni<ApprovalRequest> approveLocked(String id, String approver, String note, String editedArguments,
                                                  List<String> editedKeys, Instant now,
                                                  Function<ApprovalRequest, Uni<Void>> first) {
            if (loses) {
                row = afterLosing;
                return Uni.createFrom().nullItem();
            }
            return first.apply(row).chain(() -> {
                firstRan = true;
                if (failsAfterFirst) {
                    return Uni.createFrom().failure(new IllegalStateException("connection closed"));
                }
                approves.incrementAndGet(); // counts rows approved: a refused re-plan rolls back, leaving it pending
                row = request(RequestStatus.APPROVED, row.arguments(), editedArguments, approver);
                return Uni.createFrom().item(row);
            });
        }
    }

    static final class AnySchema extends ArgumentSchemas {
        AnySchema() {
            super(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1));
        }

        @Override
        public Uni<Void> check(String server, String tool, JsonNode arguments) {
            return Uni.createFrom().voidItem();
        }
    }

    static ApprovalRequest request(RequestStatus status, String args, String edited, String by) {
        return new ApprovalRequest("d1", status, "g", "g", "s", "bank", "pay", args, "", "", "/tools/pay/action", "p", 1,
                "needs approval", NOW, NOW.plusSeconds(300), status == RequestStatus.PENDING ? null : NOW, by, null,
                status == RequestStatus.REJECTED ? "no" : null, edited, null);
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Decide held the call with {@code amount} of the cap; the request is pending. */
    private void held(long amount) {
        List<Charge> charges = LimitPlanner.plan(POLICY, POLICY.exactTools().get("pay"), "g", "s",
                json("{\"amount\":" + amount + "}"), NOW.toEpochMilli()).charges();
        assertTrue(book.reserve("d1", charges, NOW.toEpochMilli()).toCompletableFuture().join().granted());
        book.extend("d1", NOW.plusSeconds(300).toEpochMilli()).toCompletableFuture().join();
        store.row = request(RequestStatus.PENDING, "{\"amount\":" + amount + "}", null, null);
    }

    private long spent() {
        Charge c = LimitPlanner.plan(POLICY, POLICY.exactTools().get("pay"), "g", "s", json("{\"amount\":0}"),
                NOW.toEpochMilli()).charges().get(0);
        return counters.current(c.key(), c.windowStart());
    }

    private ApiProblem refused(String edited) {
        return assertThrows(ApiProblem.class, () -> approvals.approve("d1", "alice", null, json(edited)).await().indefinitely());
    }

    @Test
    void anApprovedEditHoldsTheEditedAmount() {
        held(500);
        ApprovalRequest a = approvals.approve("d1", "alice", null, json("{\"amount\":120}")).await().indefinitely();
        assertEquals(RequestStatus.APPROVED, a.status());
        assertEquals(120, spent());
    }

    @Test
    void anEditOverTheCapIsRefusedBeforeTheRowIsTouched() {
        held(500);
        assertTrue(counters.tryReserve(LimitPlanner.plan(POLICY, POLICY.exactTools().get("pay"), "g", "s",
                json("{\"amount\":400}"), NOW.toEpochMilli()).charges()).granted());
        ApiProblem p = refused("{\"amount\":700}");
        assertEquals(409, p.status());
        assertTrue(p.getMessage().contains("limit 'spend'") && p.getMessage().contains("900 of 1000 are used")
                && p.getMessage().contains("Nothing was changed"), p.getMessage());
        assertEquals(0, store.approves.get(), "the request stays pending");
        assertEquals(RequestStatus.PENDING, store.row.status());
        assertEquals(900, spent());
    }

    @Test
    void anEditWithoutAUsableAmountIs422() {
        held(500);
        ApiProblem p = refused("{\"amount\":-5}");
        assertEquals(422, p.status());
        assertTrue(p.getMessage().contains("argument args.amount must be a non-negative number for limit 'spend'"), p.getMessage());
        assertEquals(0, store.approves.get());
        assertEquals(500, spent());
    }

    @Test
    void losingToARejectionReplansBackToTheAgentsArguments() {
        held(500);
        store.loses = true;
        store.afterLosing = request(RequestStatus.REJECTED, "{\"amount\":500}", null, "bob");
        assertEquals(409, refused("{\"amount\":100}").status());
        assertEquals(500, spent(), "the reservation holds what it held before; the rejection's Settle gives it back");
        assertTrue(book.settle("d1", true));
        assertEquals(0, spent());
    }

    @Test
    void losingToAnotherApproversEditLeavesTheWinnersReplanAlone() {
        held(500);
        book.replan("d1", json("{\"amount\":300}"), NOW.toEpochMilli()).toCompletableFuture().join(); // bob's, in his lock
        store.loses = true;
        store.afterLosing = request(RequestStatus.APPROVED, "{\"amount\":500}", "{\"amount\":300}", "bob");
        assertEquals(409, refused("{\"amount\":100}").status());
        assertFalse(store.firstRan, "alice's edit never re-planned: bob held the lock, then the request was decided");
        assertEquals(300, spent(), "the call runs with bob's edit, so that is what it holds");
    }

    @Test
    void aDatabaseFailureAfterTheReplanReplansBackToTheAgentsArguments() {
        held(500);
        store.failsAfterFirst = true;
        assertThrows(IllegalStateException.class,
                () -> approvals.approve("d1", "alice", null, json("{\"amount\":100}")).await().indefinitely());
        assertTrue(store.firstRan);
        assertEquals(500, spent(), "still pending with the agent's arguments: the reservation holds those again");
    }
}
