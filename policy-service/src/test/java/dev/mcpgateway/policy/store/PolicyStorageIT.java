package dev.mcpgateway.policy.store;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.policy.Blocking;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Policy versions in real PostgreSQL (mcp_policy_test): PUT, history, rollback, hot swap, counters kept, replicas. */
@QuarkusTest
class PolicyStorageIT {
    private static final String LIMITED = """
            {"version":"1","default":"deny","tools":{"send":{"reason":"%s","limits":[
              {"counter":"send_rate","window":"hour","max":2,"scope":"grant"}]}}}""";

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @Inject
    GrantRegistry grants;
    @Inject
    PolicyRegistry registry;
    @Inject
    PolicyStore store;

    private static String newId() {
        return "it-" + UUID.randomUUID();
    }

    @Test
    void putStoresVersionsWithWhoWhenAndComment() {
        String id = newId();
        given().contentType("application/json").header("X-Actor", "alice").queryParam("comment", "first")
                .body("{\"version\":\"1\",\"default\":\"deny\"}")
                .put("/api/policies/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("version", equalTo(1)).body("created_by", equalTo("alice"))
                .body("comment", equalTo("first")).body("document.default", equalTo("deny"));
        given().contentType("application/yaml").body("version: 2\ndefault: allow\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/policies/" + id).then().statusCode(200)
                // Without X-Actor the version is the authenticated operator's (the test admin token's name).
                .body("version", equalTo(2)).body("created_by", equalTo("test-admin")).body("document.default", equalTo("allow"));

        given().get("/api/policies/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("document.default", equalTo("allow"));
        given().get("/api/policies/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(java.util.List.of(2, 1)))
                .body("[1].created_by", equalTo("alice")).body("[1].document", nullValue());
        given().get("/api/policies/" + id + "/versions/1").then().statusCode(200)
                .body("document.default", equalTo("deny")).body("comment", equalTo("first"));
        given().get("/api/policies/" + id + "/versions/9").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/policies").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void putRefusesAnInvalidDocumentWithEveryErrorAndStoresNothing() {
        String id = newId();
        given().contentType("application/json")
                .body("{\"version\":\"1\",\"default\":\"maybe\",\"tools\":{\"x\":{\"require\":[{\"path\":\"args.a\",\"op\":\"like\"}]}}}")
                .put("/api/policies/" + id).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/default"))
                .body("errors.pointer", hasItem("/tools/x/require/0/op"));
        given().get("/api/policies/" + id).then().statusCode(404);
        given().get("/api/policies/" + id + "/versions").then().statusCode(404);
    }

    @Test
    void rollbackCreatesANewVersionEqualToTheOldOne() {
        String id = newId();
        put(id, "{\"version\":\"1\",\"default\":\"deny\"}");
        put(id, "{\"version\":\"1\",\"default\":\"allow\"}");
        given().contentType("application/json").header("X-Actor", "bob").body("{\"version\":1}")
                .post("/api/policies/" + id + "/rollback").then().statusCode(200)
                .body("version", equalTo(3)).body("created_by", equalTo("bob"))
                .body("comment", equalTo("rollback to version 1")).body("document.default", equalTo("deny"));
        assertEquals(3, registry.find(id).version());
        assertEquals(false, registry.find(id).defaultAllow(), "the rolled-back document is live");
        given().contentType("application/json").body("{\"version\":7}")
                .post("/api/policies/" + id + "/rollback").then().statusCode(404);
    }

    @Test
    void aNewVersionAppliesToTheNextDecideAndKeepsCounters() {
        awayFromHourBoundary();
        String id = newId();
        put(id, LIMITED.formatted("v1"));
        String grant = "g-" + UUID.randomUUID();
        grants.put(new Grant(grant, grant, "s", id, TokenHash.of(grant)));

        DecideResponse first = policy.decide(call(grant));
        assertEquals(Decision.ALLOW, first.getDecision());
        assertEquals(1, first.getPolicyVersion());
        assertEquals(1, first.getLimitRemaining());

        // Same counter, new version: the next Decide sees version 2 and the one call already counted.
        put(id, LIMITED.formatted("v2"));
        DecideResponse second = policy.decide(call(grant));
        assertEquals(Decision.ALLOW, second.getDecision());
        assertEquals(2, second.getPolicyVersion());
        assertEquals(0, second.getLimitRemaining());
        DecideResponse third = policy.decide(call(grant));
        assertEquals(Decision.RATE_LIMITED, third.getDecision());
        assertEquals(2, third.getPolicyVersion());
    }

    @Test
    void anotherReplicasVersionIsPickedUpByThePoll() throws InterruptedException {
        String id = newId();
        put(id, "{\"version\":\"1\",\"default\":\"deny\"}");
        // Written straight to the database, as another replica would: this replica's registry learns it by polling.
        Blocking.await(() -> store.append(id, "{\"version\":\"1\",\"default\":\"allow\"}", "replica-b", null));
        long deadline = System.currentTimeMillis() + 5_000;
        while (registry.find(id).version() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, registry.find(id).version());
        assertEquals(true, registry.find(id).defaultAllow());
    }

    @Test
    void theBundledExampleIsStoredOnceByItsFile() {
        given().get("/api/policies/smartlead-example/versions").then().statusCode(200)
                .body("[0].created_by", equalTo("file:policies/smartlead-example.json"));
        given().contentType("application/json").body("{\"version\":1}").put("/api/policies/bad%20id")
                .then().statusCode(400).body("detail", containsString("policy id"));
    }

    private static void put(String id, String doc) {
        given().contentType("application/json").body(doc).put("/api/policies/" + id).then().statusCode(200);
    }

    private static DecideRequest call(String grant) {
        return DecideRequest.newBuilder().setGrantId(grant).setSessionId("s1").setServer("s").setTool("send")
                .setArgumentsJson(ByteString.copyFromUtf8("{}")).build();
    }

    private static void awayFromHourBoundary() {
        long into = Instant.now().toEpochMilli() % 3_600_000;
        if (into > 3_590_000) {
            try {
                Thread.sleep(3_600_000 - into + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
