package dev.mcpgateway.catalog.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an upstream says a tool is: the part of a {@code tools/list} entry that the definition hash covers.
 * A change to any of these fields is a change the agent sees, so it is what a rug pull would alter.
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        JsonNode inputSchema,
        JsonNode outputSchema,
        JsonNode annotations) {

    /**
     * The definition as one JSON object. Absent and {@code null} fields are left out, so a server that starts
     * sending {@code "annotations": null} is not reported as changed.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        putIfPresent(node, "title", title == null ? null : JsonNodeFactory.instance.textNode(title));
        putIfPresent(node, "description", description == null ? null : JsonNodeFactory.instance.textNode(description));
        putIfPresent(node, "inputSchema", inputSchema);
        putIfPresent(node, "outputSchema", outputSchema);
        putIfPresent(node, "annotations", annotations);
        return node;
    }

    /** SHA-256 hex of the canonical JSON of {@link #toJson()}. */
    public String hash() {
        return DefinitionHash.of(this);
    }

    private static void putIfPresent(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            node.set(field, value);
        }
    }
}
