package dev.mcpgateway.proxy.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One parsed JSON-RPC 2.0 message. The tree is kept so that the body is parsed exactly once; {@code raw}
 * keeps the bytes as received so an unchanged message is forwarded without re-serialising it.
 *
 * @param id     the request or response id ({@code null} for a notification)
 * @param method the method of a request or notification ({@code null} for a response)
 * @param params the params object ({@code null} when absent)
 */
public record JsonRpcMessage(Kind kind, JsonNode id, String method, ObjectNode params, ObjectNode tree, byte[] raw) {

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    public boolean isRequest() {
        return kind == Kind.REQUEST;
    }

    /** The params' member {@code name}, or a missing node. */
    public JsonNode param(String name) {
        return params == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : params.path(name);
    }
}
