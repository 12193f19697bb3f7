package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.demo.mcp.McpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpProtocolTest {

    private final McpServer server = new InProcessClient(true).server;

    private JsonNode send(String text) {
        return server.handle(text).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"2025-11-25,2025-11-25", "2025-06-18,2025-06-18", "2025-03-26,2025-03-26", "2024-11-05,2024-11-05",
            "2099-01-01,2025-11-25"})
    void initializeNegotiatesTheVersion(String requested, String answered) {
        JsonNode result = send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + requested + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}").get("result");
        assertEquals(answered, result.path("protocolVersion").asText());
        assertEquals("{}", result.path("capabilities").path("tools").toString());
        assertEquals(1, result.path("capabilities").size());
        assertEquals("smartlead-mcp-server-demo", result.path("serverInfo").path("name").asText());
    }

    @Test
    void pingAnswersEmptyResult() {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        assertEquals(7, response.path("id").asInt());
        assertEquals("{}", response.path("result").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resources/list", "prompts/list", "completion/complete", "logging/setLevel"})
    void otherMethodsAreNotFound(String method) {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\"}");
        assertEquals(-32601, response.path("error").path("code").asInt());
        assertEquals(1, response.path("id").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "", "{\"jsonrpc\":\"2.0\",\"id\":1,"})
    void unparseableInputIsParseError(String text) {
        JsonNode response = send(text);
        assertEquals(-32700, response.path("error").path("code").asInt());
        assertTrue(response.path("id").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "42", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[]}"})
    void malformedMessagesAreInvalidRequest(String text) {
        assertEquals(-32600, send(text).path("error").path("code").asInt());
    }

    @Test
    void notificationsAndResponsesGetNoReply() {
        assertTrue(server.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").isEmpty());
        assertTrue(server.handle("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}").isEmpty());
        assertTrue(server.handle("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}").isEmpty());
    }

    @Test
    void initializeWithoutVersionIsInvalidParams() {
        assertEquals(-32602, send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .path("error").path("code").asInt());
    }
}
