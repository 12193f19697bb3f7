package dev.mcpgateway.policy.grant;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.GrantServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.policy.Blocking;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Grants in real PostgreSQL: the token shown once, only its hash stored, revocation on the next resolve. */
@QuarkusTest
class GrantApiIT {
    @GrpcClient("grants")
    GrantServiceGrpc.GrantServiceBlockingStub grantService;
    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @Inject
    GrantStore store;

    private static Response create(String name) {
        return given().contentType("application/json").header("X-Actor", "carol")
                .body("{\"name\":\"" + name + "\",\"server\":\"smartlead\",\"policy\":\"smartlead-example\"}")
                .post("/api/grants");
    }

    private ResolveGrantResponse resolve(String token) {
        return grantService.resolveGrant(ResolveGrantRequest.newBuilder().setToken(token).build());
    }

    @Test
    void createReturnsTheTokenOnceAndStoresOnlyItsHash() {
        Response created = create("ci-bot");
        created.then().statusCode(201).body("name", equalTo("ci-bot")).body("server", equalTo("smartlead"))
                .body("policy", equalTo("smartlead-example")).body("created_by", equalTo("carol"))
                .body("token", notNullValue()).body("revoked_at", nullValue());
        String id = created.path("id");
        String token = created.path("token");
        assertTrue(token.startsWith("mcpg_"), token);
        assertEquals(32, Base64.getUrlDecoder().decode(token.substring(5)).length, "32 random bytes, url-safe");

        GrantRecord stored = Blocking.await(() -> store.byId(id));
        assertArrayEquals(TokenHash.of(token), stored.tokenHash, "only the SHA-256 is stored");

        given().get("/api/grants/" + id).then().statusCode(200).body("name", equalTo("ci-bot"))
                .body("token", nullValue()).body("token_hash", nullValue());
        String listed = given().get("/api/grants").then().statusCode(200).body("id", hasItem(id))
                .extract().asString();
        assertFalse(listed.contains(token), "a listing never shows a token");
        assertFalse(listed.contains("token"), "nor any token field");

        ResolveGrantResponse r = resolve(token);
        assertEquals(id, r.getGrantId());
        assertEquals("ci-bot", r.getGrantName());
        assertEquals("smartlead", r.getServer());
        assertEquals("smartlead-example", r.getPolicyId());
    }

    @Test
    void revokeIsEffectiveOnTheNextResolveAndDecide() {
        Response created = create("to-revoke");
        String id = created.path("id");
        String token = created.path("token");
        assertEquals(id, resolve(token).getGrantId());
        assertEquals(Decision.DENY, policy.decide(decide(id, "smartlead_delete_campaign")).getDecision());

        given().header("X-Actor", "dave").delete("/api/grants/" + id).then().statusCode(204);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> resolve(token));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        StatusRuntimeException d = assertThrows(StatusRuntimeException.class,
                () -> policy.decide(decide(id, "smartlead_delete_campaign")));
        assertEquals(Status.Code.FAILED_PRECONDITION, d.getStatus().getCode());

        given().get("/api/grants/" + id).then().statusCode(200).body("revoked_by", equalTo("dave"))
                .body("revoked_at", notNullValue());
        given().get("/api/grants").then().body("id", not(hasItem(id)));
        given().queryParam("include_revoked", true).get("/api/grants").then().body("id", hasItem(id));
        given().delete("/api/grants/no-such-grant").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aGrantForAnUnknownPolicyIsRefused() {
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"server\":\"smartlead\",\"policy\":\"no-such-policy\"}")
                .post("/api/grants").then().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/grants").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theDemoGrantIsStoredAndResolves() {
        assertEquals("demo", resolve("test-demo-token").getGrantId());
        GrantRecord demo = Blocking.await(() -> store.byId("demo"));
        assertArrayEquals(TokenHash.of("test-demo-token"), demo.tokenHash);
        assertTrue(demo.live());
    }

    private static DecideRequest decide(String grant, String tool) {
        return DecideRequest.newBuilder().setGrantId(grant).setSessionId("s").setServer("smartlead").setTool(tool)
                .setArgumentsJson(ByteString.copyFromUtf8("{}")).build();
    }
}
