package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.Collection;
import java.util.Locale;

/** Small builders for SmartLead-shaped responses. */
final class Results {

    private Results() {
    }

    static ObjectNode ok() {
        ObjectNode node = Json.object();
        node.put("ok", true);
        return node;
    }

    static ObjectNode ok(String message) {
        ObjectNode node = ok();
        node.put("message", message);
        return node;
    }

    static ArrayNode array(Collection<? extends JsonNode> rows) {
        ArrayNode array = Json.array();
        rows.forEach(array::add);
        return array;
    }

    /** One page of rows, for tools that take offset/limit. */
    static ArrayNode page(java.util.List<? extends JsonNode> rows, int offset, int limit) {
        int from = Math.min(Math.max(offset, 0), rows.size());
        int to = Math.min(from + Math.max(limit, 0), rows.size());
        return array(rows.subList(from, to));
    }

    static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
