package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.List;

/**
 * One thing wrong with a tool's arguments. Shaped like a Zod issue ({@code code}, {@code path},
 * {@code message}) because the original's -32602 message lists Zod issues.
 */
public record ArgumentProblem(String code, List<Object> path, String message) {

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("code", code);
        node.set("path", Json.MAPPER.valueToTree(path));
        node.put("message", message);
        return node;
    }
}
