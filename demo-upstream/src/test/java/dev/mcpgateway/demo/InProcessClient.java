package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.mcp.McpServer;
import dev.mcpgateway.demo.mcp.ToolCallListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Talks JSON-RPC text to an in-process McpServer, the way a transport would. */
final class InProcessClient {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T10:15:30Z"), ZoneOffset.UTC);

    final McpServer server;
    private final AtomicInteger ids = new AtomicInteger();

    InProcessClient(boolean seeded) {
        this.server = SmartLeadStandIn.create(CLOCK, seeded, ToolCallListener.NONE);
    }

    /** The full JSON-RPC response to a request. */
    JsonNode request(String method, JsonNode params) {
        ObjectNode message = Json.object();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        message.set("params", params);
        return server.handle(Json.compact(message)).orElseThrow();
    }

    JsonNode callRaw(String tool, String argumentsJson) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", parse(argumentsJson));
        return request("tools/call", params);
    }

    /** The text of a successful call, parsed as the JSON it must be. */
    JsonNode call(String tool, String argumentsJson) {
        String text = text(callRaw(tool, argumentsJson));
        assertFalse(text.startsWith("❌"), tool + " failed: " + text);
        return parse(text);
    }

    /** The text of a call that the fake API refused ("❌ ..."), checking it is not a protocol error. */
    String callFailing(String tool, String argumentsJson) {
        String text = text(callRaw(tool, argumentsJson));
        assertTrue(text.startsWith("❌"), tool + " should have failed but returned " + text);
        return text;
    }

    /** The JSON-RPC error of a call that must be rejected. */
    JsonNode callError(String tool, String argumentsJson) {
        JsonNode response = callRaw(tool, argumentsJson);
        assertTrue(response.has("error"), "expected an error, got " + response);
        return response.get("error");
    }

    static String text(JsonNode response) {
        assertFalse(response.has("error"), "unexpected error " + response);
        JsonNode result = response.get("result");
        assertFalse(result.has("isError"), "the original never sets isError: " + result);
        assertEquals("text", result.path("content").path(0).path("type").asText());
        return result.path("content").path(0).path("text").asText();
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
