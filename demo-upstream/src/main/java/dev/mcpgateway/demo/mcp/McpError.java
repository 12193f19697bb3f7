package dev.mcpgateway.demo.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** A JSON-RPC error to send back; {@code id} is the request's id, or JSON null when it could not be read. */
public final class McpError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private final int code;
    private final JsonNode id;

    public McpError(int code, String message, JsonNode id) {
        super(message, null, false, false);
        this.code = code;
        this.id = id == null ? NullNode.getInstance() : id;
    }

    public McpError(int code, String message) {
        this(code, message, null);
    }

    public int code() {
        return code;
    }

    public JsonNode id() {
        return id;
    }

    public McpError withId(JsonNode requestId) {
        return new McpError(code, getMessage(), requestId);
    }
}
