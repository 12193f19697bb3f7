package dev.mcpgateway.catalog.access;

import static dev.mcpgateway.testsupport.Operators.anonymous;
import static dev.mcpgateway.testsupport.Operators.as;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mcpgateway.testsupport.Operators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator access control on catalog-service (issue 8 item 7): 401 without a credential or with a grant token,
 * 403 for a role without the right (and nothing changes), the service role limited to reading tools and reporting
 * discovered ones, JWTs verified. Works on a server of its own, created through discovery.
 */
@QuarkusTest
class OperatorAccessIT {
    static final String SERVER = "access-it";
    static final String TOOLS = "{\"tools\":[{\"name\":\"read_thing\",\"description\":\"Reads a thing\","
            + "\"inputSchema\":{\"type\":\"object\"}}]}";

    private static boolean discovered;

    /** Once, before the first test (not @BeforeAll: RestAssured knows the test port only from the first test on). */
    @BeforeEach
    void discovered() {
        if (!discovered) {
            as(Operators.SERVICE).contentType(ContentType.JSON).body(TOOLS)
                    .post("/api/tools/" + SERVER + "/discovered").then().statusCode(200);
            discovered = true;
        }
    }

    @Test
    void withoutACredentialOrWithAGrantTokenIt401s() {
        anonymous().get("/api/tools").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("detail", containsString("operator token"));
        anonymous().contentType(ContentType.JSON).body(TOOLS).post("/api/tools/" + SERVER + "/discovered").then().statusCode(401);
        as("mcpg_someAgentGrantToken").get("/api/tools").then().statusCode(401)
                .body("detail", containsString("Agent grant tokens never open operator APIs"));
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aViewerReadsButCannotOverrideOrAcceptAndNothingChanges() {
        // As the tool is now: another test (order not fixed) or an earlier run on this database may have overridden it.
        String source = as(Operators.VIEWER).get("/api/tools/" + SERVER + "/read_thing").then().statusCode(200)
                .extract().path("source");
        String risk = given().get("/api/tools/" + SERVER + "/read_thing").then().extract().path("risk");
        as(Operators.VIEWER).get("/api/tools/" + SERVER + "/read_thing/overrides").then().statusCode(200);
        as(Operators.VIEWER).get("/api/tools/" + SERVER + "/recommendations").then().statusCode(200);
        as(Operators.VIEWER).contentType(ContentType.JSON).body("{\"risk\":\"critical\",\"note\":\"n\",\"author\":\"v\"}")
                .patch("/api/tools/" + SERVER + "/read_thing").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("needs the role `policy_manager`"));
        given().get("/api/tools/" + SERVER + "/read_thing").then().body("source", equalTo(source)).body("risk", equalTo(risk));
        as(Operators.VIEWER).contentType(ContentType.JSON).body("{}")
                .post("/api/tools/" + SERVER + "/read_thing/accept").then().statusCode(403);
        as(Operators.VIEWER).contentType(ContentType.JSON).body(TOOLS)
                .post("/api/tools/" + SERVER + "/discovered").then().statusCode(403)
                .body("detail", containsString("`service`"));
    }

    @Test
    void aPolicyManagerOverrides() {
        as(Operators.POLICY_MANAGER).contentType(ContentType.JSON).body("{\"risk\":\"medium\",\"note\":\"n\",\"author\":\"pm\"}")
                .patch("/api/tools/" + SERVER + "/read_thing").then().statusCode(200).body("risk", equalTo("medium"));
    }

    @Test
    void theServiceRoleReadsToolsAndReportsDiscoveriesOnly() {
        as(Operators.SERVICE).get("/api/tools/" + SERVER + "/read_thing").then().statusCode(200);
        as(Operators.SERVICE).queryParam("server", SERVER).get("/api/tools").then().statusCode(200);
        as(Operators.SERVICE).contentType(ContentType.JSON).body("{\"risk\":\"low\",\"note\":\"n\",\"author\":\"s\"}")
                .patch("/api/tools/" + SERVER + "/read_thing").then().statusCode(403);
        as(Operators.SERVICE).get("/api/tools/" + SERVER + "/read_thing/overrides").then().statusCode(403);
    }

    @Test
    void jwtsAreVerified() {
        as(Operators.jwt("viewer")).get("/api/tools/" + SERVER + "/read_thing").then().statusCode(200);
        as(Operators.jwt("viewer")).contentType(ContentType.JSON).body("{\"risk\":\"low\",\"note\":\"n\",\"author\":\"j\"}")
                .patch("/api/tools/" + SERVER + "/read_thing").then().statusCode(403);
        as(Operators.jwtWithForeignKey("admin")).get("/api/tools").then().statusCode(401)
                .body("detail", containsString("The JWT was rejected"));
        as(Operators.jwtFromOtherIssuer("admin")).get("/api/tools").then().statusCode(401);
    }
}
