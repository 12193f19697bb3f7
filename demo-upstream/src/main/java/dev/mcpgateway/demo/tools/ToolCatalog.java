package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 116 SmartLead tools, in catalog order, read once from the classpath. */
public final class ToolCatalog {

    public static final String RESOURCE = "catalog/smartlead-tools.json";

    private final Map<String, ToolDefinition> byName;

    private ToolCatalog(Map<String, ToolDefinition> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static ToolCatalog fromClasspath() {
        ClassLoader loader = ToolCatalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Tool catalog " + RESOURCE + " is not on the classpath");
            }
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tool catalog " + RESOURCE, e);
        }
    }

    static ToolCatalog parse(JsonNode root) {
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (JsonNode tool : root.path("tools")) {
            String name = tool.path("name").asText();
            if (!(tool.get("inputSchema") instanceof ObjectNode schema)) {
                throw new IllegalStateException("Tool " + name + " has no inputSchema object");
            }
            ToolDefinition def = new ToolDefinition(name, tool.path("title").asText(), tool.path("purpose").asText(),
                    tool.path("module").asText(), tool.path("category").asText(), schema);
            if (tools.put(name, def) != null) {
                throw new IllegalStateException("Tool " + name + " appears twice in the catalog");
            }
        }
        if (tools.isEmpty()) {
            throw new IllegalStateException("Tool catalog " + RESOURCE + " lists no tools");
        }
        return new ToolCatalog(tools);
    }

    public List<ToolDefinition> tools() {
        return new ArrayList<>(byName.values());
    }

    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public int size() {
        return byName.size();
    }
}
