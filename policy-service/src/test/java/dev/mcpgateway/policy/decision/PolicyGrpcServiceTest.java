package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.Charge;
import dev.mcpgateway.policy.limit.CounterKey;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.limit.ReserveResult;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The bound on calls in flight, through the gRPC service: shedding, and slots given back on every way out. */
class PolicyGrpcServiceTest {
    private static final String POLICY = """
            {"version":"1","default":"deny","tools":{"limited":{"limits":[{"counter":"c","window":"minute","max":1000}]},
             "free":{}}}""";

    /** A remote store whose reservations are answered only when the test says so (a slow Redis). */
    static final class HeldStore implements CounterStore {
        final List<CompletableFuture<ReserveResult>> reservations = new ArrayList<>();
        final List<CompletableFuture<Void>> releases = new ArrayList<>();

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public CompletionStage<ReserveResult> reserveAsync(List<Charge> charges) {
            CompletableFuture<ReserveResult> f = new CompletableFuture<>();
            reservations.add(f);
            return f;
        }

        @Override
        public CompletionStage<Void> releaseAsync(List<Charge> charges) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            releases.add(f);
            return f;
        }

        @Override
        public ReserveResult tryReserve(List<Charge> charges) {
            throw new AssertionError("Decide must not wait on a remote store");
        }

        @Override
        public void release(List<Charge> charges) {
            throw new AssertionError("Settle must not wait on a remote store");
        }

        @Override
        public long current(CounterKey key, long windowStart) {
            return 0;
        }

        @Override
        public void evictExpired(long nowMillis) {
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private PolicyGrpcService service(CounterStore counters, int maxInFlight) {
        GrantRegistry grants = new GrantRegistry();
        grants.put(new Grant("g", "g", "s", "p", TokenHash.of("t")));
        PolicyRegistry policies = new PolicyRegistry();
        policies.put(PolicyParser.parse("p", POLICY, false));
        PolicyGrpcService s = new PolicyGrpcService();
        s.decisions = new DecisionService(grants, policies, (server, tool) -> ToolFacts.UNKNOWN, counters,
                new ReservationBook(60_000, counters), Clock.systemUTC(), 1 << 20, meters);
        s.inFlight = new InFlight(maxInFlight, meters);
        return s;
    }

    private static DecideRequest call(String tool) {
        return DecideRequest.newBuilder().setGrantId("g").setSessionId("s1").setServer("s").setTool(tool)
                .setArgumentsJson(ByteString.copyFromUtf8("{}")).build();
    }

    private static UniAssertSubscriber<DecideResponse> decide(PolicyGrpcService s, String tool) {
        return s.decide(call(tool)).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private double shed(String method) {
        return meters.get("policy.overload.shed").tag("method", method).counter().count();
    }

    @Test
    void pastTheBoundDecideIsRefusedAtOnceAsOverloadedAndCounted() {
        HeldStore redis = new HeldStore();
        PolicyGrpcService s = service(redis, 2);
        UniAssertSubscriber<DecideResponse> a = decide(s, "limited");
        UniAssertSubscriber<DecideResponse> b = decide(s, "limited");
        assertNull(a.getItem(), "waiting on the store");
        assertEquals(2, s.inFlight.current());

        UniAssertSubscriber<DecideResponse> c = decide(s, "limited");
        StatusRuntimeException e = assertInstanceOf(StatusRuntimeException.class, c.assertFailed().getFailure());
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("policy-service overloaded"), e.getStatus().getDescription());
        assertEquals(2, redis.reservations.size(), "a shed call never reaches the store");
        assertEquals(1.0, shed("Decide"));

        // The store answers: both decisions go out and their slots are free again.
        redis.reservations.get(0).complete(new ReserveResult(true, -1, 998, 0));
        redis.reservations.get(1).complete(new ReserveResult(true, -1, 997, 0));
        assertEquals(Decision.ALLOW, a.awaitItem().getItem().getDecision());
        assertEquals(Decision.ALLOW, b.awaitItem().getItem().getDecision());
        assertEquals(0, s.inFlight.current());
        assertEquals(Decision.ALLOW, decide(s, "free").awaitItem().getItem().getDecision(), "accepted again");
    }

    @Test
    void aFailedReservationIsCouldNotDecideAndGivesItsSlotBack() {
        HeldStore redis = new HeldStore();
        PolicyGrpcService s = service(redis, 1);
        UniAssertSubscriber<DecideResponse> a = decide(s, "limited");
        redis.reservations.get(0).completeExceptionally(
                new dev.mcpgateway.policy.limit.CounterStoreUnavailableException("rate-limit counters unavailable (Redis): timeout", null));
        StatusRuntimeException e = assertInstanceOf(StatusRuntimeException.class, a.awaitFailure().getFailure());
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("could not decide"), e.getStatus().getDescription());
        assertEquals(0, s.inFlight.current());
    }

    @Test
    void aCancelledCallGivesItsSlotBack() {
        HeldStore redis = new HeldStore();
        PolicyGrpcService s = service(redis, 1);
        decide(s, "limited").cancel();
        assertEquals(0, s.inFlight.current());
    }

    @Test
    void settleWaitingOnTheStoreHoldsASlotAndIsShedPastTheBound() {
        HeldStore redis = new HeldStore();
        PolicyGrpcService s = service(redis, 1);
        UniAssertSubscriber<DecideResponse> a = decide(s, "limited");
        redis.reservations.get(0).complete(new ReserveResult(true, -1, 999, 0));
        String id = a.awaitItem().getItem().getDecisionId();

        UniAssertSubscriber<SettleResponse> giveBack = s.settle(SettleRequest.newBuilder().setDecisionId(id)
                .setOutcome(Outcome.UPSTREAM_ERROR).build()).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(1, redis.releases.size(), "the quota is given back without waiting");
        UniAssertSubscriber<SettleResponse> other = s.settle(SettleRequest.newBuilder().setDecisionId("x")
                .setOutcome(Outcome.UPSTREAM_OK).build()).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(Status.Code.UNAVAILABLE,
                assertInstanceOf(StatusRuntimeException.class, other.assertFailed().getFailure()).getStatus().getCode());
        assertEquals(1.0, shed("Settle"));

        redis.releases.get(0).complete(null);
        giveBack.awaitItem();
        assertEquals(0, s.inFlight.current());
    }

    @Test
    void memoryCountersAnswerAtOnceAndNeverKeepASlot() {
        PolicyGrpcService s = service(new InMemoryCounterStore(), 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(Decision.ALLOW, decide(s, "limited").assertCompleted().getItem().getDecision());
            assertEquals(Decision.DENY, decide(s, "other").assertCompleted().getItem().getDecision());
            decide(s, "").assertFailed();
        }
        assertEquals(0, s.inFlight.current());
        assertEquals(0.0, shed("Decide"));
    }
}
