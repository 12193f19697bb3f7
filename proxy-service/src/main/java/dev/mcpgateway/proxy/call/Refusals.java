package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;

/**
 * The answer an agent gets when the gateway does not forward a call: a CallToolResult with
 * {@code isError: true}, a text the model can read (why, and when to retry), and the decision in
 * {@code _meta["dev.mcpgateway/decision"]} for clients that act on it. A tool-level result rather than a
 * JSON-RPC error, because MCP reserves protocol errors for malformed calls and shows tool results to the model.
 */
public final class Refusals {

    public static final String META_KEY = "dev.mcpgateway/decision";

    private Refusals() {
    }

    /**
     * @param limitRemaining -1 when no limit applied (left out)
     * @param retryAfterMs   0 or less when there is nothing to wait for (left out)
     */
    public static ObjectNode refusal(JsonNode requestId, String text, String decision, String rule, String decisionId,
                                     long limitRemaining, long retryAfterMs) {
        ObjectNode root = Json.object();
        root.put("jsonrpc", "2.0");
        root.set("id", requestId);
        ObjectNode result = root.putObject("result");
        ObjectNode content = result.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
        result.put("isError", true);
        ObjectNode meta = result.putObject("_meta").putObject(META_KEY);
        meta.put("decision", decision);
        putIfPresent(meta, "rule", rule);
        putIfPresent(meta, "decisionId", decisionId);
        if (limitRemaining >= 0) {
            meta.put("limitRemaining", limitRemaining);
        }
        if (retryAfterMs > 0) {
            meta.put("retryAfterMs", retryAfterMs);
        }
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
