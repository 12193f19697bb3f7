package dev.mcpgateway.proxy.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses one HTTP body into a {@link JsonRpcMessage}, or throws {@link McpException} with the
 * JSON-RPC error the client must get (-32700 for bytes that are not JSON, -32600 for JSON that is not
 * a valid JSON-RPC 2.0 message). Batches (JSON arrays) are reported as such so the caller can answer
 * per the negotiated protocol version.
 */
public final class JsonRpcParser {

    private JsonRpcParser() {
    }

    /** The parsed body: either one message or a batch (array) the caller decides about. */
    public sealed interface Parsed permits Single, Batch {
    }

    public record Single(JsonRpcMessage message) implements Parsed {
    }

    /** A JSON array of messages, not yet validated one by one (each gets its own answer). */
    public record Batch(com.fasterxml.jackson.databind.node.ArrayNode messages) implements Parsed {
        public int size() {
            return messages.size();
        }
    }

    public static Parsed parse(byte[] body) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new McpException(JsonRpcErrors.parseError(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new McpException(JsonRpcErrors.parseError(e.getMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new McpException(JsonRpcErrors.parseError("the body is empty"));
        }
        if (tree.isArray()) {
            if (tree.isEmpty()) {
                throw new McpException(JsonRpcErrors.invalidRequest("an empty batch is not a valid JSON-RPC message", null));
            }
            return new Batch((com.fasterxml.jackson.databind.node.ArrayNode) tree);
        }
        return new Single(message(tree, body));
    }

    /** Validates one JSON value as a JSON-RPC 2.0 request, notification or response. */
    public static JsonRpcMessage message(JsonNode tree, byte[] raw) {
        if (!(tree instanceof ObjectNode obj)) {
            throw new McpException(JsonRpcErrors.invalidRequest("a JSON-RPC message must be a JSON object", null));
        }
        JsonNode id = obj.get("id");
        JsonNode idForError = validId(id) ? id : null;
        if (!"2.0".equals(obj.path("jsonrpc").textValue())) {
            throw new McpException(JsonRpcErrors.invalidRequest("\"jsonrpc\" must be \"2.0\"", idForError));
        }
        if (id != null && !validId(id)) {
            throw new McpException(JsonRpcErrors.invalidRequest("\"id\" must be a string or an integer", null));
        }
        JsonNode method = obj.get("method");
        JsonNode params = obj.get("params");
        if (method != null) {
            if (!method.isTextual() || method.textValue().isEmpty()) {
                throw new McpException(JsonRpcErrors.invalidRequest("\"method\" must be a non-empty string", idForError));
            }
            if (params != null && !params.isNull() && !params.isObject()) {
                // MCP params are always objects (by-name); by-position params are not part of MCP.
                throw new McpException(JsonRpcErrors.invalidRequest("\"params\" must be an object", idForError));
            }
            ObjectNode p = params instanceof ObjectNode o ? o : null;
            JsonRpcMessage.Kind kind = id == null ? JsonRpcMessage.Kind.NOTIFICATION : JsonRpcMessage.Kind.REQUEST;
            return new JsonRpcMessage(kind, id, method.textValue(), p, obj, raw);
        }
        boolean hasResult = obj.has("result");
        boolean hasError = obj.has("error");
        if (hasResult == hasError) {
            throw new McpException(JsonRpcErrors.invalidRequest(
                    "a message needs \"method\" (request or notification) or exactly one of \"result\" and \"error\" (response)",
                    idForError));
        }
        if (id == null) {
            throw new McpException(JsonRpcErrors.invalidRequest("a response needs an \"id\"", null));
        }
        return new JsonRpcMessage(JsonRpcMessage.Kind.RESPONSE, id, null, null, obj, raw);
    }

    private static boolean validId(JsonNode id) {
        // JSON-RPC allows null ids, MCP does not: requests carry a string or integer id.
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }
}
