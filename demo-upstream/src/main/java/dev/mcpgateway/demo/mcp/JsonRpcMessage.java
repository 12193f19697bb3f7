package dev.mcpgateway.demo.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;

/** One incoming JSON-RPC 2.0 message, checked for shape; batches are refused (MCP 2025-06-18 dropped them). */
public record JsonRpcMessage(Kind kind, JsonNode id, String method, JsonNode params) {

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    public static JsonRpcMessage parse(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new McpError(McpError.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new McpError(McpError.PARSE_ERROR, "Parse error: empty message");
        }
        return of(node);
    }

    public static JsonRpcMessage of(JsonNode node) {
        if (node.isArray()) {
            throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: batches are not supported");
        }
        if (!(node instanceof ObjectNode message)) {
            throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: a message must be a JSON object");
        }
        JsonNode id = message.get("id");
        boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
        JsonNode replyId = validId ? id : null;
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
            throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"", replyId);
        }
        if (id != null && !validId) {
            throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
        }
        JsonNode method = message.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: \"method\" must be a string", replyId);
            }
            JsonNode params = message.get("params");
            if (params != null && !params.isObject()) {
                throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: \"params\" must be an object", replyId);
            }
            return new JsonRpcMessage(validId ? Kind.REQUEST : Kind.NOTIFICATION, id, method.asText(),
                    params == null ? Json.object() : params);
        }
        if (validId && (message.has("result") || message.has("error"))) {
            return new JsonRpcMessage(Kind.RESPONSE, id, null, null);
        }
        throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: neither a request, a notification nor a response",
                replyId);
    }

    public boolean isRequest() {
        return kind == Kind.REQUEST;
    }
}
