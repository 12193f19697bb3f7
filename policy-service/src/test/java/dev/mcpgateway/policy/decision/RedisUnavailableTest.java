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
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.RedisCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis unreachable: a limited call is "could not decide" (UNAVAILABLE), never an allow. No Redis needed. */
class RedisUnavailableTest {
    private static final String POLICY = """
            {"version":"1","default":"deny","tools":{"limited":{"limits":[{"counter":"c","window":"minute","max":10}]},
             "free":{}}}""";

    private final Vertx vertx = Vertx.vertx();
    /** Port 1 on loopback: nothing listens, the connection is refused at once. */
    private final Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:1");

    @AfterEach
    void close() {
        nowhere.close();
        vertx.closeAndAwait();
    }

    private DecisionService service() {
        return service(nowhere);
    }

    private DecisionService service(Redis redis) {
        GrantRegistry grants = new GrantRegistry();
        grants.put(new Grant("g", "g", "s", "p", TokenHash.of("t")));
        PolicyRegistry policies = new PolicyRegistry();
        policies.put(PolicyParser.parse("p", POLICY, false));
        RedisCounterStore counters = new RedisCounterStore(vertx, redis, "mcpg:test:", Duration.ofMillis(500));
        return new DecisionService(grants, policies, (s, t) -> ToolFacts.UNKNOWN, counters,
                new ReservationBook(60_000, counters), Clock.systemUTC(), 1 << 20, new SimpleMeterRegistry());
    }

    private static DecideRequest call(String tool) {
        return DecideRequest.newBuilder().setGrantId("g").setSessionId("s1").setServer("s").setTool(tool)
                .setArgumentsJson(ByteString.copyFromUtf8("{}")).build();
    }

    @Test
    void aLimitedCallCannotBeDecided() {
        DecisionService s = service();
        assertTrue(s.blocking(), "Redis calls must be kept off the event loop");
        DecisionException e = assertThrows(DecisionException.class, () -> s.decide(call("limited")));
        assertEquals(DecisionException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("could not decide"), e.getMessage());
        assertEquals(io.grpc.Status.Code.UNAVAILABLE, e.toStatus().getStatus().getCode());
    }

    /**
     * A Redis that accepts the connection and never answers (the kernel completes the handshake of a bound
     * socket nobody accepts): the asynchronous Decide returns before the answer could come, then fails closed
     * after the timeout. Nothing waits on the caller's thread (the event loop in the service).
     */
    @Test
    void theAsynchronousDecideDoesNotWaitAndFailsClosedAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Redis mute = Redis.createClient(vertx, "redis://127.0.0.1:" + silent.getLocalPort());
            try {
                DecisionService s = service(mute);
                CompletableFuture<DecideResponse> pending = s.decideAsync(call("limited")).toCompletableFuture();
                assertFalse(pending.isDone(), "Decide returned while Redis has not answered");
                ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
                DecisionException d = assertInstanceOf(DecisionException.class, e.getCause());
                assertEquals(DecisionException.Kind.UNAVAILABLE, d.kind());
                assertTrue(d.getMessage().startsWith("could not decide: rate-limit counters unavailable (Redis)"), d.getMessage());
                assertEquals(Decision.ALLOW, s.decideAsync(call("free")).toCompletableFuture().join().getDecision());
            } finally {
                mute.close();
            }
        }
    }

    @Test
    void callsWithoutLimitsStillGetTheirDecision() {
        DecisionService s = service();
        DecideResponse free = s.decide(call("free"));
        assertEquals(Decision.ALLOW, free.getDecision());
        assertEquals(Decision.DENY, s.decide(call("other")).getDecision());
    }
}
