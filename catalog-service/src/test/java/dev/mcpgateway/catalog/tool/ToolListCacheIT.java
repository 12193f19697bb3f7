package dev.mcpgateway.catalog.tool;

import static dev.mcpgateway.testsupport.Operators.as;
import static dev.mcpgateway.testsupport.Operators.anonymous;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.seed.CatalogSeeder;
import dev.mcpgateway.catalog.seed.SeedCatalog;
import dev.mcpgateway.catalog.testsupport.CleanDatabase;
import dev.mcpgateway.catalog.testsupport.Database;
import dev.mcpgateway.testsupport.Operators;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cached tool list against real PostgreSQL: after every kind of write the next list shows it (never a stale
 * answer), ETag and 304, the role check before the cache, and another replica's write (straight to the database).
 */
@QuarkusTest
@QuarkusTestResource(value = CleanDatabase.class, restrictToAnnotatedClass = true)
class ToolListCacheIT {

    @Inject
    CatalogSeeder seeder;
    @Inject
    ObjectMapper json;

    private static ExtractableResponse<Response> list(String server, String... query) {
        var spec = given().accept(ContentType.JSON).queryParam("server", server);
        for (int i = 0; i < query.length; i += 2) {
            spec = spec.queryParam(query[i], query[i + 1]);
        }
        return spec.get("/api/tools").then().statusCode(200).extract();
    }

    private static String tool(String name, String description, String properties) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description + "\","
                + "\"inputSchema\":{\"type\":\"object\",\"properties\":" + properties + "}}";
    }

    private static void report(String server, String... tools) {
        given().contentType(ContentType.JSON).body("{\"tools\":[" + String.join(",", tools) + "]}")
                .post("/api/tools/" + server + "/discovered").then().statusCode(200);
    }

    @Test
    void anEtagAnswersIfNoneMatchWith304() {
        ExtractableResponse<Response> first = list("smartlead", "size", "500");
        String etag = first.header("ETag");
        assertEquals(116, first.<List<?>>path("items").size());
        assertEquals("private, no-cache", first.header("Cache-Control"));
        ExtractableResponse<Response> again = list("smartlead", "size", "500");
        assertEquals(etag, again.header("ETag"));
        assertArrayEquals(first.asByteArray(), again.asByteArray(), "the cached answer is the same bytes");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            given().header("If-None-Match", ifNoneMatch).queryParam("server", "smartlead").queryParam("size", "500")
                    .get("/api/tools").then().statusCode(304).header("ETag", etag).body(emptyString());
        }
        given().header("If-None-Match", "\"other\"").queryParam("server", "smartlead").queryParam("size", "500")
                .get("/api/tools").then().statusCode(200).header("ETag", etag);
        assertNotEquals(etag, list("smartlead", "size", "500", "risk", "critical").header("ETag"), "another query, another ETag");
        // Filters and paging are those of the uncached list.
        ExtractableResponse<Response> page = list("smartlead", "size", "10", "page", "1");
        assertEquals(116, page.<Integer>path("total"));
        assertEquals(10, page.<List<?>>path("items").size());
        given().queryParam("risk", "extreme").get("/api/tools").then().statusCode(400);
    }

    @Test
    void theCacheIsBehindTheRoleCheck() {
        String etag = list("smartlead").header("ETag");
        anonymous().get("/api/tools?server=smartlead").then().statusCode(401);
        anonymous().header("If-None-Match", etag).get("/api/tools?server=smartlead").then().statusCode(401);
        as(Operators.jwt("nobody")).get("/api/tools?server=smartlead").then().statusCode(403);
        as(Operators.jwt("nobody")).header("If-None-Match", etag).get("/api/tools?server=smartlead").then().statusCode(403);
        // Every role that may list sees the same answer.
        for (String token : List.of(Operators.VIEWER, Operators.SERVICE, Operators.APPROVER, Operators.POLICY_MANAGER)) {
            as(token).get("/api/tools?server=smartlead").then().statusCode(200).header("ETag", etag);
        }
    }

    @Test
    void everyKindOfWriteShowsInTheNextList() {
        String s = "cache-it";
        String v1 = tool("send_note", "Send a note", "{\"to\":{}}");
        String v2 = tool("send_note", "Send a note now", "{\"to\":{},\"cc\":{}}");
        String other = tool("read_notes", "Read notes", "{}");
        String empty = list(s).header("ETag");
        assertEquals(0, list(s).<Integer>path("total"));

        // Discovery: new tools.
        report(s, v1, other);
        ExtractableResponse<Response> discovered = list(s);
        assertEquals(2, discovered.<Integer>path("total"));
        assertNotEquals(empty, discovered.header("ETag"));
        given().header("If-None-Match", empty).queryParam("server", s).get("/api/tools").then().statusCode(200);

        // Override (PATCH): category and risk.
        assertEquals(0, list(s, "risk", "critical").<Integer>path("total"));
        given().contentType(ContentType.JSON).body("{\"category\":\"financial\",\"risk\":\"critical\",\"note\":\"n\",\"author\":\"a\"}")
                .patch("/api/tools/" + s + "/send_note").then().statusCode(200);
        assertEquals(List.of("send_note"), list(s, "risk", "critical").path("items.name"));
        assertEquals(List.of("send_note"), list(s, "category", "financial").path("items.name"));

        // A changed definition (status changed).
        assertEquals(0, list(s, "status", "changed").<Integer>path("total"));
        report(s, v2, other);
        ExtractableResponse<Response> changed = list(s, "status", "changed");
        assertEquals(List.of("send_note"), changed.path("items.name"));
        String pending = changed.path("items[0].pendingDefinitionHash");

        // Accepting it.
        given().contentType(ContentType.JSON).body("{\"author\":\"a\",\"note\":\"reviewed\"}")
                .post("/api/tools/" + s + "/send_note/accept").then().statusCode(200);
        assertEquals(0, list(s, "status", "changed").<Integer>path("total"));
        given().queryParam("server", s).queryParam("q", "send").get("/api/tools").then().statusCode(200)
                .body("items[0].definitionHash", equalTo(pending)).body("items[0].status", equalTo("active"));

        // Status: a tool missing from the report is removed, and back when reported again.
        report(s, v2);
        assertEquals(List.of("read_notes"), list(s, "status", "removed").path("items.name"));
        report(s, v2, other);
        assertEquals(0, list(s, "status", "removed").<Integer>path("total"));

        // Seed: a seed catalog inserting tools shows them.
        String seeded = "cache-it-seed";
        assertEquals(0, list(seeded).<Integer>path("total"));
        SeedCatalog smartlead = SeedCatalog.load(json, "catalog/smartlead-tools.json");
        assertEquals(3, seeder.seed(new SeedCatalog(seeded, smartlead.tools().subList(0, 3))).await().atMost(Duration.ofSeconds(30)));
        assertEquals(3, list(seeded).<Integer>path("total"));
    }

    @Test
    void anotherReplicasWriteIsReadWithNoCacheAtOnceAndByEveryoneWithinTheTtl() throws InterruptedException {
        String s = "cache-it-replica";
        report(s, tool("get_thing", "Get a thing", "{}"));
        List<String> before = list(s).path("items.risk");
        assertEquals(1, before.size());
        assertNotEquals("critical", before.get(0));
        // Another replica overrides it: this replica's cache does not know.
        assertEquals(1, Database.execute("UPDATE tool SET risk = 'critical' WHERE server = '" + s + "'"));
        given().header("Cache-Control", "no-cache").queryParam("server", s).get("/api/tools").then().statusCode(200)
                .body("items.risk", hasItem("critical")).header("ETag", startsWith("\""));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!List.of("critical").equals(list(s).path("items.risk")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        given().queryParam("server", s).get("/api/tools").then().statusCode(200)
                .body("items.risk", hasSize(1)).body("items.risk", not(hasItem(before.get(0))));
    }
}
