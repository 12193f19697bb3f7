package dev.mcpgateway.demo.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;

/** Builds JSON-RPC 2.0 responses; every error sent by either transport is made here. */
public final class JsonRpc {

    private JsonRpc() {
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = Json.object();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    public static ObjectNode error(McpError error) {
        ObjectNode response = Json.object();
        response.put("jsonrpc", "2.0");
        response.set("id", error.id());
        ObjectNode body = response.putObject("error");
        body.put("code", error.code());
        body.put("message", error.getMessage());
        return response;
    }
}
