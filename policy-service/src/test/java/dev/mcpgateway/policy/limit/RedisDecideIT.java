package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole service with policy.limits.store=redis: gRPC Decide/Settle through real Redis, off the event loop. */
@QuarkusTest
@TestProfile(RedisCountersProfile.class)
class RedisDecideIT {
    private static final String TOOL = "smartlead_retrigger_failed_events";

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @Inject
    GrantRegistry grants;
    @Inject
    CounterStore counters;

    @Test
    void theExampleLimitHoldsWithRedisCounters() throws InterruptedException {
        assertInstanceOf(RedisCounterStore.class, counters);
        long into = Instant.now().toEpochMilli() % 60_000;
        if (into > 50_000) {
            Thread.sleep(60_000 - into + 50);
        }
        String grant = "g-" + UUID.randomUUID();
        grants.put(new Grant(grant, grant, "smartlead", "smartlead-example", TokenHash.of(grant)));
        String last = null;
        for (int i = 1; i <= 10; i++) {
            DecideResponse r = policy.decide(call(grant));
            assertEquals(Decision.ALLOW, r.getDecision(), "call " + i);
            assertEquals(10 - i, r.getLimitRemaining());
            last = r.getDecisionId();
        }
        DecideResponse eleventh = policy.decide(call(grant));
        assertEquals(Decision.RATE_LIMITED, eleventh.getDecision());
        assertEquals(0, eleventh.getLimitRemaining());

        policy.settle(SettleRequest.newBuilder().setDecisionId(last).setOutcome(Outcome.UPSTREAM_ERROR).build());
        assertEquals(Decision.ALLOW, policy.decide(call(grant)).getDecision(), "the failed call gave its quota back");
    }

    private static DecideRequest call(String grant) {
        return DecideRequest.newBuilder().setGrantId(grant).setSessionId("s").setServer("smartlead").setTool(TOOL)
                .setArgumentsJson(ByteString.copyFromUtf8("{\"campaign_id\":1}")).build();
    }
}
