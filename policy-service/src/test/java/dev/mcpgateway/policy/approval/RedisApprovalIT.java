package dev.mcpgateway.policy.approval;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.RedisCounterStore;
import dev.mcpgateway.policy.limit.RedisCountersProfile;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An approver's edit of a held call re-plans its spend cap with Redis counters, through the whole service: the
 * reservation is recorded for approval before the request is stored, the REST approval re-plans the record, and the
 * proxy's Settle gives back the edited amount.
 */
@QuarkusTest
@TestProfile(RedisCountersProfile.class)
@QuarkusTestResource(ApprovalFixtures.class)
class RedisApprovalIT {
    private static final String POLICY = "{\"version\":1,\"default\":\"deny\",\"tools\":{"
            + "\"pay\":{\"action\":\"require_approval\",\"limits\":[{\"counter\":\"spend_cap\",\"window\":\"day\","
            + "\"max\":1000,\"increment_from\":\"args.amount\"}]}}}";

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @Inject
    CounterStore counters;

    private DecideResponse decide(String grant, long amount) {
        return policy.decide(DecideRequest.newBuilder().setGrantId(grant).setSessionId("s").setServer("bank").setTool("pay")
                .setArgumentsJson(ByteString.copyFromUtf8("{\"amount\":" + amount + "}")).build());
    }

    @Test
    void anEditReplansTheSpendCapHeldInRedis() {
        assertInstanceOf(RedisCounterStore.class, counters);
        String policyId = "redis-approvals-" + UUID.randomUUID();
        given().contentType("application/json").body(POLICY).put("/api/policies/" + policyId).then().statusCode(200);
        String grant = given().contentType("application/json")
                .body("{\"name\":\"" + policyId + "\",\"server\":\"bank\",\"policy\":\"" + policyId + "\"}")
                .post("/api/grants").then().statusCode(201).extract().path("id");

        DecideResponse first = decide(grant, 800);
        assertEquals(Decision.APPROVAL_REQUIRED, first.getDecision(), first.getReason());
        assertEquals(Decision.RATE_LIMITED, decide(grant, 300).getDecision(), "800 of 1000 held");

        given().contentType("application/json").body("{\"approver\":\"alice\",\"arguments\":{\"amount\":100}}")
                .post("/api/approvals/" + first.getApprovalId() + "/approve").then().statusCode(200)
                .body("status", equalTo("approved"));
        DecideResponse second = decide(grant, 900);
        assertEquals(Decision.APPROVAL_REQUIRED, second.getDecision(), "the 700 went back: " + second.getReason());
        assertEquals(0, second.getLimitRemaining());

        given().contentType("application/json").body("{\"approver\":\"alice\",\"arguments\":{\"amount\":901}}")
                .post("/api/approvals/" + second.getApprovalId() + "/approve").then().statusCode(409)
                .body("detail", containsString("Nothing was changed"));
        given().get("/api/approvals/" + second.getApprovalId()).then().body("status", equalTo("pending"));

        policy.settle(SettleRequest.newBuilder().setDecisionId(first.getDecisionId()).setOutcome(Outcome.NOT_FORWARDED).build());
        DecideResponse third = decide(grant, 100);
        assertEquals(Decision.APPROVAL_REQUIRED, third.getDecision(), "the Settle gave back the edited 100: " + third.getReason());
        assertEquals(0, third.getLimitRemaining());
    }
}
