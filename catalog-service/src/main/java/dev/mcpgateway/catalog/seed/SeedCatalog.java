package dev.mcpgateway.catalog.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import dev.mcpgateway.catalog.tool.WireEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed catalog file ({@code catalog/smartlead-tools.json}): a server name and its tools, each with the
 * catalog's own category, risk and the reason for them ({@code basis}). {@code purpose} becomes the description.
 */
public record SeedCatalog(String server, List<SeedTool> tools) {

    public record SeedTool(ToolDefinition definition, Category category, Risk risk, String basis) {
    }

    public static SeedCatalog load(ObjectMapper json, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed catalog resource not found on the classpath: " + resource);
            }
            return parse(json.readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed catalog " + resource, e);
        }
    }

    static SeedCatalog parse(JsonNode root, String resource) {
        String server = required(root, "server", resource);
        List<SeedTool> tools = new ArrayList<>();
        for (JsonNode t : root.path("tools")) {
            String name = required(t, "name", resource);
            ToolDefinition definition = new ToolDefinition(name, text(t, "title"), text(t, "purpose"),
                    t.get("inputSchema"), t.get("outputSchema"), t.get("annotations"));
            if (definition.inputSchema() == null || !definition.inputSchema().isObject()) {
                throw new IllegalStateException(resource + ": tool " + name + " has no inputSchema object");
            }
            tools.add(new SeedTool(definition,
                    WireEnum.parse(Category.class, "category", required(t, "category", resource)),
                    WireEnum.parse(Risk.class, "risk", required(t, "risk", resource)),
                    text(t, "basis")));
        }
        if (tools.isEmpty()) {
            throw new IllegalStateException(resource + " lists no tools");
        }
        return new SeedCatalog(server, List.copyOf(tools));
    }

    private static String required(JsonNode node, String field, String resource) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(resource + ": missing '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
