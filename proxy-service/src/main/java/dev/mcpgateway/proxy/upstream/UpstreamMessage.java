package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON-RPC message from an upstream, parsed, with its bytes kept for relaying it unchanged. */
public record UpstreamMessage(ObjectNode node, byte[] raw) {

    public boolean isResponse() {
        return !node.has("method") && (node.has("result") || node.has("error"));
    }

    /** Whether this is the response to the request with {@code requestId}. */
    public boolean answers(JsonNode requestId) {
        return requestId != null && isResponse() && requestId.equals(node.get("id"));
    }
}
