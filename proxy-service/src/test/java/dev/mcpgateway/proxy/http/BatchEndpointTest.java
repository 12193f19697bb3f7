package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON-RPC batches: served to clients that negotiated 2025-03-26, refused (-32600) for later versions. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class BatchEndpointTest {

    private static final String MCP = "/mcp/smartlead";

    @Test
    void aBatchIsServedFor20250326WithOneAnswerPerRequest() throws Exception {
        String s = newSession(MCP, "2025-03-26");
        String batch = "[" + String.join(",",
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}",
                call(2, "allowed_tool", "{}"),
                call(3, "denied_tool", "{}"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"initialize\",\"params\":{}}") + "]";
        String body = session(s).header("MCP-Protocol-Version", "2025-03-26").body(batch).post(MCP)
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString();
        JsonNode answers = Json.MAPPER.readTree(body);
        assertTrue(answers.isArray(), body);
        assertEquals(5, answers.size(), "one answer per request, none for the notification: " + body);
        Map<String, JsonNode> byId = new HashMap<>();
        answers.forEach(a -> byId.put(a.path("id").asText(), a));
        assertTrue(byId.get("a").has("result"));
        assertEquals("upstream ran allowed_tool", byId.get("2").path("result").path("content").path(0).path("text").asText());
        assertTrue(byId.get("3").path("result").path("isError").asBoolean(), "policy applies inside a batch too");
        assertEquals(-32600, byId.get("5").path("error").path("code").asInt());
        assertEquals(-32600, byId.get("6").path("error").path("code").asInt(), "initialize is never part of a batch");
    }

    @Test
    void aBatchOfNotificationsIsAccepted() {
        String s = newSession(MCP, "2025-03-26");
        session(s).body("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}]").post(MCP)
                .then().statusCode(202);
    }

    @Test
    void aBatchIsRefusedForLaterVersionsEvenWithoutTheHeader() {
        String s = newSession(MCP, "2025-11-25");
        session(s).body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").post(MCP)
                .then().statusCode(400).body("error.code", equalTo(-32600))
                .body("error.message", containsString("2025-11-25"));
    }
}
