package dev.mcpgateway.catalog.tool;

import static dev.mcpgateway.catalog.testsupport.Api.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpgateway.catalog.testsupport.CleanDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/tools, /counts and /{server}/{name} against the seeded SmartLead catalog in real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = CleanDatabase.class, restrictToAnnotatedClass = true)
class ToolApiIT {

    @Test
    void listsAllSmartLeadToolsSortedWithEveryField() {
        var body = get("/api/tools", "server", "smartlead")
                .statusCode(200)
                .body("total", equalTo(116))
                .body("page", equalTo(0))
                .body("size", equalTo(200))
                .body("items", hasSize(116))
                .body("items.source", everyItem(equalTo("seed")))
                .body("items.status", everyItem(equalTo("active")))
                .body("items.definitionHash", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("items.firstSeen", everyItem(notNullValue()))
                .body("items.inputSchema.type", everyItem(equalTo("object")))
                .extract().jsonPath();
        List<String> names = body.getList("items.name");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names, "items are sorted by name within the server");
        var create = body.getMap("items.find { it.name == 'smartlead_create_campaign' }");
        assertEquals("write", create.get("category"));
        assertEquals("medium", create.get("risk"));
        assertEquals("Create Campaign", create.get("title"));
        assertEquals("Create a new (draft) campaign, optionally under a client", create.get("description"));
    }

    @Test
    void filtersByCategoryRiskStatusAndText() {
        get("/api/tools", "category", "financial")
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].name", equalTo("smartlead_place_order_for_mailboxes"))
                .body("items[0].risk", equalTo("critical"));
        get("/api/tools", "server", "smartlead", "risk", "critical")
                .statusCode(200).body("total", equalTo(4)).body("items.risk", everyItem(equalTo("critical")));
        get("/api/tools", "server", "smartlead", "category", "destructive", "risk", "high")
                .statusCode(200).body("total", equalTo(3));
        get("/api/tools", "server", "smartlead", "category", "READ")
                .statusCode(200).body("total", equalTo(76));
        get("/api/tools", "server", "smartlead", "status", "active").statusCode(200).body("total", equalTo(116));
        get("/api/tools", "server", "smartlead", "status", "changed").statusCode(200).body("total", equalTo(0));
        get("/api/tools", "server", "no-such-server").statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        // q matches the name or the description, case-insensitively, and % is literal
        get("/api/tools", "server", "smartlead", "q", "WEBHOOK")
                .statusCode(200).body("total", equalTo(5))
                .body("items.name", org.hamcrest.Matchers.hasItems("smartlead_add_or_update_campaign_webhook",
                        // matched by its description ("Re-send failed webhook events"), not its name
                        "smartlead_retrigger_failed_events"));
        get("/api/tools", "server", "smartlead", "q", "Permanently delete")
                .statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("smartlead_delete_campaign"));
        get("/api/tools", "server", "smartlead", "q", "%").statusCode(200).body("total", equalTo(0));
    }

    @Test
    void pagesThroughTheCatalog() {
        List<String> all = get("/api/tools", "server", "smartlead").extract().jsonPath().getList("items.name");
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            var p = get("/api/tools", "server", "smartlead", "page", page, "size", 50)
                    .statusCode(200).body("total", equalTo(116)).body("page", equalTo(page)).body("size", equalTo(50))
                    .extract().jsonPath();
            paged.addAll(p.getList("items.name"));
        }
        assertEquals(all, paged, "three pages of 50 hold all 116 tools once, in order");
        get("/api/tools", "server", "smartlead", "page", 3, "size", 50).statusCode(200).body("items", hasSize(0));
    }

    @Test
    void getsOneToolOr404() {
        get("/api/tools/smartlead/smartlead_forward_reply")
                .statusCode(200)
                .body("server", equalTo("smartlead"))
                .body("category", equalTo("execute"))
                .body("risk", equalTo("high"))
                .body("inputSchema.properties.forward_to", notNullValue())
                .body("classificationReason", containsString("exfil"));
        get("/api/tools/smartlead/smartlead_no_such_tool")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("smartlead_no_such_tool"));
    }

    @Test
    void countsByCategoryAndRisk() {
        get("/api/tools/counts", "server", "smartlead")
                .statusCode(200)
                .body("total", equalTo(116))
                .body("counts.read.low", equalTo(69))
                .body("counts.write.high", equalTo(10))
                .body("counts.financial.critical", equalTo(1))
                .body("counts.financial.low", equalTo(0))
                .body("byCategory.read", equalTo(76))
                .body("byRisk.critical", equalTo(4));
    }

    @Test
    void badFiltersAreProblems() {
        get("/api/tools", "category", "dangerous")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("category"))
                .body("detail", containsString("read, write, execute, destructive, financial"));
        get("/api/tools", "risk", "extreme").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("low, medium, high, critical"));
        get("/api/tools", "status", "gone").statusCode(400).body("detail", containsString("active, changed, removed"));
        get("/api/tools", "size", 501).statusCode(400).contentType("application/problem+json").body("detail", containsString("size"));
        get("/api/tools", "page", "-1").statusCode(400).body("detail", containsString("page"));
        get("/api/tools", "size", "ten").statusCode(400).body("detail", containsString("size"));
        get("/api/tools/counts", "status", "gone").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void operationalEndpointsAnswer() {
        get("/q/health/ready").statusCode(200).body("status", equalTo("UP"));
        get("/q/health/live").statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"));
        io.restassured.RestAssured.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue())
                .body(containsString("/api/tools/counts"));
    }
}
