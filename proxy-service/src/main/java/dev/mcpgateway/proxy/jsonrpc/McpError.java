package dev.mcpgateway.proxy.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An error answered to the client: the HTTP status to use when the reply has not started yet, and the
 * JSON-RPC error object. Built only by {@link JsonRpcErrors}.
 *
 * @param id      the id of the request it answers ({@code null} when unknown, e.g. unparsable body)
 * @param headers extra HTTP headers (e.g. {@code WWW-Authenticate}); empty when none
 */
public record McpError(int httpStatus, int code, String message, Map<String, Object> data, JsonNode id,
                       Map<String, String> headers) {

    /** The same error answering the request with {@code requestId}. */
    public McpError withId(JsonNode requestId) {
        return new McpError(httpStatus, code, message, data, requestId, headers);
    }

    /** The same error with another HTTP status (e.g. 200 once it is the answer to a parsed request). */
    public McpError withStatus(int status) {
        return new McpError(status, code, message, data, id, headers);
    }
}
