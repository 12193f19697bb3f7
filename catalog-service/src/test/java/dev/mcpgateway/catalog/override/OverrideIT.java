package dev.mcpgateway.catalog.override;

import static dev.mcpgateway.catalog.testsupport.Api.get;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mcpgateway.catalog.testsupport.CleanDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * PATCH overrides against real PostgreSQL. Works on tools of its own server (created through discovery) so the
 * SmartLead counts other ITs assert stay untouched.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanDatabase.class, restrictToAnnotatedClass = true)
class OverrideIT {

    private static final String SERVER = "it-override";

    private static void discover(String... names) {
        StringBuilder tools = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            tools.append(i > 0 ? "," : "").append("{\"name\":\"").append(names[i])
                    .append("\",\"description\":\"Get a record\",\"inputSchema\":{\"type\":\"object\"}}");
        }
        given().contentType(ContentType.JSON).body("{\"tools\":" + tools + "]}")
                .when().post("/api/tools/" + SERVER + "/discovered").then().statusCode(200);
    }

    private static ValidatableResponse patch(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).when().patch("/api/tools/" + SERVER + "/" + name).then();
    }

    @Test
    void overrideChangesClassificationAndKeepsHistory() {
        discover("get_record", "get_other");
        get("/api/tools/" + SERVER + "/get_record").statusCode(200).body("category", equalTo("read")).body("risk", equalTo("low"))
                .body("source", equalTo("discovered"));

        patch("get_record", "{\"risk\":\"high\",\"note\":\"returns customer PII\",\"author\":\"alice\"}")
                .statusCode(200)
                .body("category", equalTo("read"))
                .body("risk", equalTo("high"))
                .body("source", equalTo("override"))
                .body("overrideNote", equalTo("returns customer PII"))
                .body("overrideAuthor", equalTo("alice"));
        patch("get_record", "{\"category\":\"Destructive\",\"risk\":\"critical\",\"note\":\"it also purges\",\"author\":\"bob\"}")
                .statusCode(200).body("category", equalTo("destructive")).body("risk", equalTo("critical"));

        get("/api/tools/" + SERVER + "/get_record").statusCode(200)
                .body("category", equalTo("destructive")).body("overrideAuthor", equalTo("bob"));
        get("/api/tools/" + SERVER + "/get_record/overrides").statusCode(200)
                .body("", hasSize(2))
                .body("[0].previousCategory", equalTo("read")).body("[0].previousRisk", equalTo("low"))
                .body("[0].risk", equalTo("high")).body("[0].author", equalTo("alice"))
                .body("[1].previousRisk", equalTo("high")).body("[1].category", equalTo("destructive"))
                .body("[1].note", equalTo("it also purges"));
        get("/api/tools/" + SERVER + "/get_other/overrides").statusCode(200).body("", hasSize(0));
        // The listing and counts see the override.
        get("/api/tools", "server", SERVER, "risk", "critical").statusCode(200).body("total", equalTo(1));
        get("/api/tools/counts", "server", SERVER).statusCode(200).body("counts.destructive.critical", equalTo(1))
                .body("counts.read.low", equalTo(1));
    }

    @Test
    void badOverridesAreProblems() {
        discover("get_record", "get_other");
        patch("get_record", "{\"category\":\"dangerous\",\"note\":\"n\",\"author\":\"a\"}")
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("category"))
                .body("detail", containsString("read, write, execute, destructive, financial"));
        patch("get_record", "{\"risk\":\"severe\",\"note\":\"n\",\"author\":\"a\"}")
                .statusCode(400).body("detail", containsString("low, medium, high, critical"));
        patch("get_record", "{\"risk\":\"high\",\"author\":\"a\"}").statusCode(400).body("detail", containsString("note"));
        patch("get_record", "{\"risk\":\"high\",\"note\":\"n\"}").statusCode(400).body("detail", containsString("author"));
        patch("get_record", "{\"note\":\"n\",\"author\":\"a\"}").statusCode(400).body("detail", containsString("category"));
        patch("get_record", "not json").statusCode(400).contentType("application/problem+json");
        patch("no_such_tool", "{\"risk\":\"high\",\"note\":\"n\",\"author\":\"a\"}")
                .statusCode(404).contentType("application/problem+json");
        get("/api/tools/" + SERVER + "/get_other/overrides").statusCode(200).body("", hasSize(0));
    }
}
