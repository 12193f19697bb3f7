package dev.mcpgateway.demo.transport.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Streamable HTTP at /mcp, driven the way an MCP client (or the gateway's proxy) drives it. */
@QuarkusTest
class McpHttpRouteTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static RequestSpecification mcp() {
        return RestAssured.given().contentType(ContentType.JSON).accept("application/json, text/event-stream");
    }

    private static String openSession() {
        return mcp().body(INITIALIZE).post("/mcp").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("result.protocolVersion", equalTo("2025-11-25"))
                .body("result.serverInfo.name", equalTo("smartlead-mcp-server-demo"))
                .header("Mcp-Session-Id", notNullValue())
                .extract().header("Mcp-Session-Id");
    }

    @Test
    void sessionLifecycleWithToolsAndCalls() {
        String session = openSession();
        mcp().header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp").then().statusCode(202).body(emptyString());
        mcp().header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(200)
                .body("result.tools.size()", equalTo(116))
                .body("result.tools[0].name", equalTo("smartlead_create_campaign"));
        mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_retrigger_failed_events\",\"arguments\":{}}}")
                .post("/mcp").then().statusCode(200)
                .body("result.content[0].type", equalTo("text"))
                .body("result.content[0].text", containsString("\"ok\": true"));
        mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_get_campaign\",\"arguments\":{}}}")
                .post("/mcp").then().statusCode(200)
                .body("error.code", equalTo(-32602))
                .body("error.message", containsString("campaign_id"));
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/list\"}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32601));
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}")
                .post("/mcp").then().statusCode(202).body(emptyString());

        RestAssured.given().header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(204);
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(404).body("error.code", equalTo(-32001)).body("id", equalTo(6));
        RestAssured.given().header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(404);
    }

    @Test
    void requestsOutsideASessionAreRejected() {
        mcp().body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(400).body("error.message", containsString("Mcp-Session-Id"));
        mcp().header("Mcp-Session-Id", "no-such-session").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(404).body("error.message", equalTo("Session not found"));
        RestAssured.given().delete("/mcp").then().statusCode(400);
        mcp().header("Mcp-Session-Id", openSession()).body(INITIALIZE).post("/mcp").then().statusCode(400);
    }

    @Test
    void protocolVersionHeaderMustBeSupported() {
        String session = openSession();
        mcp().header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "1999-01-01")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(400).body("error.message", containsString("1999-01-01"));
        mcp().header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-03-26")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(200);
    }

    @Test
    void badBodiesAndMethods() {
        mcp().body("{not json").post("/mcp").then().statusCode(400).body("error.code", equalTo(-32700));
        mcp().body("{\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(400).body("error.code", equalTo(-32600));
        RestAssured.given().contentType("text/plain").body("hi").post("/mcp").then().statusCode(415);
        RestAssured.given().contentType(ContentType.JSON).accept("text/html").body(INITIALIZE).post("/mcp").then().statusCode(406);
        RestAssured.given().accept("text/event-stream").get("/mcp").then().statusCode(405).header("Allow", "POST, DELETE");
        mcp().header("Origin", "https://evil.example").body(INITIALIZE).post("/mcp").then().statusCode(403);
        mcp().header("Origin", "http://localhost:6274").body(INITIALIZE).post("/mcp").then().statusCode(200);
    }

    @Test
    void observabilityEndpoints() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/live").then().statusCode(200);
        String session = openSession();
        mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_list_campaigns\",\"arguments\":{}}}")
                .post("/mcp").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("demo_tool_calls_seconds_count{outcome=\"ok\",tool=\"smartlead_list_campaigns\"}"));
    }
}
