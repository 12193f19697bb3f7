package dev.mcpgateway.catalog.recommend;

import static dev.mcpgateway.catalog.testsupport.Api.get;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.testsupport.CleanDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recommendation endpoints over the seeded SmartLead catalog in real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = CleanDatabase.class, restrictToAnnotatedClass = true)
class RecommendationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recommendsOneToolWithItsRuleAndReasoning() {
        get("/api/tools/smartlead/smartlead_retrigger_failed_events/recommendation").statusCode(200)
                .body("tool", equalTo("smartlead_retrigger_failed_events"))
                .body("category", equalTo("execute"))
                .body("risk", equalTo("high"))
                .body("status", equalTo("active"))
                .body("rule.limits", hasSize(1))
                .body("rule.limits[0].counter", equalTo("smartlead_retrigger_failed_events_rate"))
                .body("rule.limits[0].window", equalTo("minute"))
                .body("rule.limits[0].max", equalTo(10))
                .body("rule.limits[0].scope", equalTo("grant"))
                .body("reasoning", containsString("execute/high"))
                .body("$", not(hasKey("note")));
        get("/api/tools/smartlead/smartlead_delete_campaign/recommendation").statusCode(200)
                .body("rule.action", equalTo("require_approval"));
        get("/api/tools/smartlead/smartlead_place_order_for_mailboxes/recommendation").statusCode(200)
                .body("rule.action", equalTo("deny"))
                .body("rule.reason", containsString("Denied unless explicitly allowed"));
    }

    @Test
    void unknownToolsAndServersAreProblems() {
        get("/api/tools/smartlead/smartlead_no_such_tool/recommendation").statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", containsString("smartlead_no_such_tool"));
        get("/api/tools/no-such-server/recommendations").statusCode(404).contentType("application/problem+json");
        get("/api/tools/no-such-server/starter-policy").statusCode(404).contentType("application/problem+json");
        given().when().post("/api/policies/starter").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("server"));
        get("/api/tools/bad%20server!/recommendations").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void recommendsEveryToolOfAServer() {
        get("/api/tools/smartlead/recommendations").statusCode(200)
                .body("", hasSize(116))
                .body("server", everyItem(equalTo("smartlead")))
                .body("find { it.tool == 'smartlead_get_campaign' }.rule", equalTo(java.util.Map.of()))
                .body("findAll { it.category == 'destructive' }.rule.action", everyItem(equalTo("require_approval")))
                .body("findAll { it.category == 'financial' }.rule.action", everyItem(equalTo("deny")));
    }

    @Test
    void starterPolicyByGetAndByPostEqualsTheGoldenFile() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/smartlead-starter-policy.json")) {
            golden = JSON.readTree(in);
        }
        String byGet = get("/api/tools/smartlead/starter-policy").statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        String byPost = given().queryParam("server", "smartlead").when().post("/api/policies/starter").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertEquals(golden, JSON.readTree(byGet));
        assertEquals(golden, JSON.readTree(byPost));
    }

    @Test
    void aChangedToolGetsANoteAndRemovedToolsLeaveTheStarterPolicy() {
        String s = "it-rec-changed";
        report(s, "[{\"name\":\"get_weather\",\"description\":\"Get the weather\",\"inputSchema\":{\"type\":\"object\"}},"
                + "{\"name\":\"get_time\",\"description\":\"Get the time\",\"inputSchema\":{\"type\":\"object\"}}]");
        // Same name, new definition; get_time is no longer listed.
        report(s, "[{\"name\":\"get_weather\",\"description\":\"Get the weather, and the news\",\"inputSchema\":{\"type\":\"object\"}}]");
        get("/api/tools/" + s + "/get_weather/recommendation").statusCode(200)
                .body("status", equalTo("changed"))
                .body("note", containsString("/api/tools/" + s + "/get_weather/versions"));
        get("/api/tools/" + s + "/get_time/recommendation").statusCode(200)
                .body("status", equalTo("removed")).body("note", containsString("no longer lists"));
        get("/api/tools/" + s + "/starter-policy").statusCode(200)
                .body("default", equalTo("deny"))
                .body("tools.keySet()", equalTo(java.util.Set.of("get_weather")))
                .body("description", containsString("unreviewed definition change: get_weather"));
        get("/api/tools/" + s + "/recommendations").statusCode(200).body("tool", equalTo(List.of("get_time", "get_weather")));
    }

    private static void report(String server, String body) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/tools/" + server + "/discovered").then().statusCode(200);
    }
}
