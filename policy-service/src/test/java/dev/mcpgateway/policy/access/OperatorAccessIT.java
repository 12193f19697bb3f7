package dev.mcpgateway.policy.access;

import static dev.mcpgateway.testsupport.Operators.anonymous;
import static dev.mcpgateway.testsupport.Operators.as;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.policy.approval.ApprovalFixtures;
import dev.mcpgateway.testsupport.Operators;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator access control on policy-service's REST API (issue 8 item 7): no credential, a grant token, an unknown
 * token are 401; a role without the right is 403 and changes nothing; the right role (token or JWT) gets through;
 * a JWT with a foreign signature or issuer is 401. gRPC (the proxy's Decide) and /q/health stay open.
 */
@QuarkusTest
@QuarkusTestResource(ApprovalFixtures.class)
class OperatorAccessIT {
    static final String POLICY = "{\"version\":1,\"default\":\"allow\",\"tools\":{"
            + "\"transfer_funds\":{\"action\":\"require_approval\",\"reason\":\"moves money\"}}}";
    private static String grantId;
    private static String grantToken;

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;

    @BeforeEach
    void policyAndGrant() {
        if (grantId == null) {
            given().contentType("application/json").body(POLICY).put("/api/policies/access-it").then().statusCode(200);
            var created = given().contentType("application/json")
                    .body("{\"name\":\"access-it\",\"server\":\"bank\",\"policy\":\"access-it\"}")
                    .post("/api/grants").then().statusCode(201).extract();
            grantId = created.path("id");
            grantToken = created.path("token");
        }
    }

    private String held() {
        DecideResponse r = policy.decide(DecideRequest.newBuilder().setGrantId(grantId).setSessionId("sess-access")
                .setServer("bank").setTool("transfer_funds")
                .setArgumentsJson(ByteString.copyFromUtf8("{\"amount\":10,\"to\":\"acct-1\"}")).build());
        assertEquals(Decision.APPROVAL_REQUIRED, r.getDecision(), "gRPC needs no operator credential");
        return r.getApprovalId();
    }

    @Test
    void withoutACredentialEveryOperatorApiIs401ProblemJson() {
        for (String path : new String[] {"/api/policies", "/api/grants", "/api/approvals", "/api/approvals/standing"}) {
            anonymous().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401)).body("instance", equalTo(path))
                    .body("detail", containsString("operator token"));
        }
        anonymous().contentType("application/json").body(POLICY).put("/api/policies/anonymous-it").then().statusCode(401);
        given().get("/api/policies/anonymous-it").then().statusCode(404);
    }

    @Test
    void healthAndMetricsStayOpen() {
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void anAgentGrantTokenNeverOpensAnOperatorApi() {
        as(grantToken).get("/api/policies").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Agent grant tokens never open operator APIs"));
        as(grantToken).contentType("application/json").body("{\"approver\":\"agent\"}")
                .post("/api/approvals/" + held() + "/approve").then().statusCode(401);
    }

    @Test
    void unknownOperatorTokensAndGarbageAre401() {
        as("mgw_op_not_in_the_file").get("/api/policies").then().statusCode(401)
                .body("detail", containsString("Unknown or revoked operator token"));
        as("whatever").get("/api/policies").then().statusCode(401)
                .body("detail", containsString("neither an operator token"));
    }

    @Test
    void aViewerReadsButCannotWritePoliciesOrGrants() {
        as(Operators.VIEWER).get("/api/policies/access-it").then().statusCode(200);
        as(Operators.VIEWER).get("/api/grants/" + grantId).then().statusCode(200).body("$", not(hasKey("token")));
        String id = "viewer-it-" + UUID.randomUUID().toString().substring(0, 8);
        as(Operators.VIEWER).contentType("application/json").body(POLICY).put("/api/policies/" + id)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("needs the role `policy_manager`"))
                .body("detail", containsString("`test-viewer` has viewer"));
        given().get("/api/policies/" + id).then().statusCode(404);
        as(Operators.VIEWER).contentType("application/json")
                .body("{\"name\":\"x\",\"server\":\"bank\",\"policy\":\"access-it\"}").post("/api/grants").then().statusCode(403);
        as(Operators.VIEWER).delete("/api/grants/" + grantId).then().statusCode(403);
        given().get("/api/grants/" + grantId).then().statusCode(200).body("$", not(hasKey("revoked_at")));
    }

    @Test
    void aPolicyManagerWritesPoliciesButCannotApprove() {
        String id = "pm-it-" + UUID.randomUUID().toString().substring(0, 8);
        as(Operators.POLICY_MANAGER).contentType("application/json").body(POLICY).put("/api/policies/" + id)
                .then().statusCode(200);
        given().get("/api/policies/" + id).then().statusCode(200).body("created_by", equalTo("test-policy_manager"));
        String approval = held();
        as(Operators.POLICY_MANAGER).contentType("application/json").body("{\"approver\":\"pm\"}")
                .post("/api/approvals/" + approval + "/approve").then().statusCode(403)
                .body("detail", containsString("needs the role `approver`"));
    }

    @Test
    void aViewerCannotApproveAndTheRequestStaysPendingUntilAnApproverDoes() {
        String id = held();
        as(Operators.VIEWER).contentType("application/json").body("{\"approver\":\"mallory\"}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("needs the role `approver`")).body("detail", containsString("Nothing was changed"));
        as(Operators.VIEWER).contentType("application/json").body("{\"approver\":\"mallory\",\"reason\":\"no\"}")
                .post("/api/approvals/" + id + "/reject").then().statusCode(403);
        // Viewers see the request, never its arguments; approvers see them.
        as(Operators.VIEWER).get("/api/approvals/" + id).then().statusCode(200)
                .body("status", equalTo("pending")).body("$", not(hasKey("arguments")));
        as(Operators.APPROVER).get("/api/approvals/" + id).then().statusCode(200)
                .body("arguments.amount", equalTo(10));
        as(Operators.APPROVER).contentType("application/json").body("{\"approver\":\"alice\"}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void standingApprovalsNeedAnApprover() {
        String body = "{\"grant\":\"" + grantId + "\",\"tool\":\"transfer_funds\",\"calls\":1,\"approver\":\"v\"}";
        as(Operators.VIEWER).contentType("application/json").body(body).post("/api/approvals/standing").then().statusCode(403);
        String id = as(Operators.APPROVER).contentType("application/json").body(body).post("/api/approvals/standing")
                .then().statusCode(201).extract().path("id");
        as(Operators.VIEWER).delete("/api/approvals/standing/" + id).then().statusCode(403);
        as(Operators.APPROVER).delete("/api/approvals/standing/" + id).then().statusCode(204);
    }

    @Test
    void theServiceRoleOpensNothingHere() {
        as(Operators.SERVICE).get("/api/policies").then().statusCode(403);
    }

    @Test
    void aJwtWithTheRightClaimIsAcceptedAndItsRolesApply() {
        String id = held();
        as(Operators.jwt("viewer")).get("/api/approvals/" + id).then().statusCode(200).body("$", not(hasKey("arguments")));
        as(Operators.jwt("viewer")).contentType("application/json").body("{\"approver\":\"v\"}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(403);
        as(Operators.jwt("approver")).get("/api/approvals/" + id).then().statusCode(200).body("arguments", notNullValue());
        as(Operators.jwt("approver")).contentType("application/json").body("{\"approver\":\"jwt-approver\"}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(200);
        as(Operators.jwt("admin")).contentType("application/json").body(POLICY).put("/api/policies/jwt-admin-it")
                .then().statusCode(200);
        given().get("/api/policies/jwt-admin-it").then().body("created_by", equalTo("jwt-operator"));
    }

    @Test
    void aJwtWithAForeignSignatureOrIssuerIs401() {
        as(Operators.jwtWithForeignKey("admin")).get("/api/policies").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("The JWT was rejected"));
        as(Operators.jwtFromOtherIssuer("admin")).get("/api/policies").then().statusCode(401)
                .body("detail", containsString("The JWT was rejected"));
        as(Operators.jwt("no_such_role")).get("/api/policies").then().statusCode(403);
    }
}
