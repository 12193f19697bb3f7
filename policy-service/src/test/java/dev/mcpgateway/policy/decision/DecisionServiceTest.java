package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decide/Settle with real counters, including the exactness of limits under concurrency. */
class DecisionServiceTest {
    private static final String TOOL = "smartlead_retrigger_failed_events";
    private static final String EXAMPLE = """
            {"version":"1","default":"deny","tools":{"smartlead_retrigger_failed_events":{"limits":[
              {"counter":"smartlead_retrigger_failed_events_rate","window":"minute","max":10,"scope":"grant"}]}}}""";

    /** 12:00:18 UTC: 42 s left in the minute. */
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:18Z").toEpochMilli());
    private final InMemoryCounterStore counters = new InMemoryCounterStore();
    private final ReservationBook reservations = new ReservationBook(60_000, counters);
    private ExecutorService pool;

    private DecisionService service() {
        GrantRegistry grants = new GrantRegistry();
        grants.put(new Grant("demo", "demo", "smartlead", "smartlead-example", TokenHash.of("t")));
        grants.put(new Grant("orphan", "orphan", "smartlead", "no-such-policy", TokenHash.of("u")));
        PolicyRegistry policies = new PolicyRegistry();
        policies.put(PolicyParser.parse("smartlead-example", EXAMPLE, false));
        return new DecisionService(grants, policies, (s, t) -> new ToolFacts("medium", "execute"), counters,
                reservations, clock, 1 << 20, new SimpleMeterRegistry());
    }

    private static DecideRequest call(String grant, String tool) {
        return DecideRequest.newBuilder().setGrantId(grant).setSessionId("s1").setServer("smartlead").setTool(tool)
                .setArgumentsJson(ByteString.copyFromUtf8("{\"campaign_id\":1}")).build();
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void tenCallsPerMinuteThenRateLimitedWithRetryAfter() {
        DecisionService s = service();
        for (int i = 1; i <= 10; i++) {
            DecideResponse r = s.decide(call("demo", TOOL));
            assertEquals(Decision.ALLOW, r.getDecision(), "call " + i);
            assertEquals(10 - i, r.getLimitRemaining());
            assertEquals("medium", r.getToolRisk());
            assertEquals("execute", r.getToolCategory());
            assertFalse(r.getSkipSettle(), "a limit reserved quota: the proxy must settle it");
            s.settle(SettleRequest.newBuilder().setDecisionId(r.getDecisionId()).setOutcome(Outcome.UPSTREAM_OK).build());
        }
        DecideResponse eleventh = s.decide(call("demo", TOOL));
        assertEquals(Decision.RATE_LIMITED, eleventh.getDecision());
        assertTrue(eleventh.getSkipSettle(), "a refusal reserves nothing");
        assertEquals(0, eleventh.getLimitRemaining());
        assertEquals(42_000, eleventh.getRetryAfterMs());
        assertEquals("/tools/smartlead_retrigger_failed_events/limits/0", eleventh.getRule());
        assertEquals("Rate limit 'smartlead_retrigger_failed_events_rate' reached: 10 calls per minute per grant. "
                + "Retry in 42 s.", eleventh.getReason());
        assertEquals(1, eleventh.getPolicyVersion());
        assertTrue(eleventh.getEnforced());

        clock.now = Instant.parse("2025-01-01T12:01:00Z").toEpochMilli();
        assertEquals(Decision.ALLOW, s.decide(call("demo", TOOL)).getDecision(), "a new minute starts a new window");
    }

    @Test
    void failedUpstreamCallsGiveTheirQuotaBack() {
        DecisionService s = service();
        for (int i = 0; i < 10; i++) {
            DecideResponse r = s.decide(call("demo", TOOL));
            Outcome o = i % 2 == 0 ? Outcome.UPSTREAM_ERROR : Outcome.NOT_FORWARDED;
            s.settle(SettleRequest.newBuilder().setDecisionId(r.getDecisionId()).setOutcome(o).build());
        }
        DecideResponse r = s.decide(call("demo", TOOL));
        assertEquals(Decision.ALLOW, r.getDecision());
        assertEquals(9, r.getLimitRemaining());
    }

    @Test
    void theAsynchronousDecideAndSettleKeepTheSameCounts() {
        DecisionService s = service();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            DecideResponse r = s.decideAsync(call("demo", TOOL)).toCompletableFuture().join();
            assertEquals(Decision.ALLOW, r.getDecision(), "call " + i);
            assertEquals(10 - i, r.getLimitRemaining());
            ids.add(r.getDecisionId());
        }
        for (int i = 0; i < 3; i++) {
            s.settleAsync(SettleRequest.newBuilder().setDecisionId(ids.get(i)).setOutcome(Outcome.UPSTREAM_ERROR)
                    .build()).toCompletableFuture().join();
        }
        // Three given back: exactly three more fit, then the limit holds.
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.ALLOW, s.decideAsync(call("demo", TOOL)).toCompletableFuture().join().getDecision());
        }
        DecideResponse limited = s.decideAsync(call("demo", TOOL)).toCompletableFuture().join();
        assertEquals(Decision.RATE_LIMITED, limited.getDecision());
        assertEquals(42_000, limited.getRetryAfterMs());
        assertEquals(DecisionException.Kind.FAILED_PRECONDITION, assertInstanceOf(DecisionException.class,
                s.decideAsync(call("orphan", TOOL)).toCompletableFuture().handle((r, e) -> cause(e)).join()).kind());
        assertEquals(DecisionException.Kind.INVALID_ARGUMENT, assertInstanceOf(DecisionException.class,
                s.settleAsync(SettleRequest.newBuilder().build()).toCompletableFuture().handle((r, e) -> cause(e)).join()).kind());
    }

    @Test
    void unsettledReservationsExpireAndGiveBack() {
        DecisionService s = service();
        for (int i = 0; i < 10; i++) {
            assertEquals(Decision.ALLOW, s.decide(call("demo", TOOL)).getDecision());
        }
        assertEquals(Decision.RATE_LIMITED, s.decide(call("demo", TOOL)).getDecision());
        assertEquals(0, reservations.expire(clock.now + 59_999));
        assertEquals(10, reservations.expire(clock.now + 60_000));
        assertEquals(Decision.ALLOW, s.decide(call("demo", TOOL)).getDecision());
    }

    @Test
    void otherToolsAreDeniedByDefault() {
        DecideResponse r = service().decide(call("demo", "smartlead_delete_campaign"));
        assertEquals(Decision.DENY, r.getDecision());
        assertEquals("/default", r.getRule());
        assertEquals(-1, r.getLimitRemaining());
        assertEquals("Tool 'smartlead_delete_campaign' is not allowed by policy 'smartlead-example' (default: deny).",
                r.getReason());
        assertTrue(r.getSkipSettle(), "a denial reserves nothing: no Settle");
    }

    @Test
    void anAllowedCallWithoutLimitsNeedsNoSettle() {
        GrantRegistry grants = new GrantRegistry();
        grants.put(new Grant("open", "open", "smartlead", "allow-all", TokenHash.of("o")));
        PolicyRegistry policies = new PolicyRegistry();
        policies.put(PolicyParser.parse("allow-all", "{\"version\":\"1\",\"default\":\"allow\"}", false));
        DecisionService s = new DecisionService(grants, policies, (srv, t) -> new ToolFacts("low", "read"), counters,
                reservations, clock, 1 << 20, new SimpleMeterRegistry());
        DecideResponse r = s.decide(call("open", "smartlead_get_campaign"));
        assertEquals(Decision.ALLOW, r.getDecision());
        assertTrue(r.getSkipSettle(), "no limit applied, nothing reserved: Settle would change nothing");
        assertEquals(0, reservations.size());
    }

    @Test
    void aGrantWithoutLoadedPolicyCannotBeDecided() {
        DecisionException e = assertThrows(DecisionException.class, () -> service().decide(call("orphan", TOOL)));
        assertEquals(DecisionException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().startsWith("could not decide"), e.getMessage());
        assertEquals(DecisionException.Kind.FAILED_PRECONDITION,
                assertThrows(DecisionException.class, () -> service().decide(call("nobody", TOOL))).kind());
    }

    @Test
    void malformedArgumentsAreInvalid() {
        DecisionService s = service();
        for (String bad : new String[] {"[1,2]", "{not json", "42"}) {
            DecideRequest r = call("demo", TOOL).toBuilder().setArgumentsJson(ByteString.copyFromUtf8(bad)).build();
            assertEquals(DecisionException.Kind.INVALID_ARGUMENT,
                    assertThrows(DecisionException.class, () -> s.decide(r)).kind(), bad);
        }
    }

    @Test
    void twoHundredConcurrentDecidesAgainstMaxTenAllowExactlyTen() throws Exception {
        DecisionService s = service();
        pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DecideResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return s.decide(call("demo", TOOL));
            }));
        }
        start.countDown();
        int allowed = 0;
        int limited = 0;
        Set<String> ids = new HashSet<>();
        for (Future<DecideResponse> f : futures) {
            DecideResponse r = f.get(30, TimeUnit.SECONDS);
            ids.add(r.getDecisionId());
            if (r.getDecision() == Decision.ALLOW) {
                allowed++;
            } else if (r.getDecision() == Decision.RATE_LIMITED) {
                limited++;
            }
        }
        assertEquals(10, allowed);
        assertEquals(190, limited);
        assertEquals(200, ids.size(), "decision ids are unique");
    }

    /** A stage's failure; dependent stages wrap it in a CompletionException. */
    private static Throwable cause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static final class MutableClock extends Clock {
        volatile long now;

        MutableClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
