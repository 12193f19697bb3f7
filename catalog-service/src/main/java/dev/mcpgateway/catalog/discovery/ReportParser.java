package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.CatalogConfig;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.poison.PoisonFlag;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.catalog.tool.ToolNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an upstream's {@code tools/list} report: either the result object ({@code {"tools":[...]}}) or the bare
 * array. A malformed entry is rejected on its own with a reason; the rest of the report still counts.
 */
@ApplicationScoped
public class ReportParser {

    private final CatalogConfig.Discovery limits;

    public ReportParser(CatalogConfig config) {
        this.limits = config.discovery();
    }

    /** A tool as reported, with findings made while reading it (truncation). */
    public record Reported(ToolDefinition definition, List<PoisonFlag> readFlags) {
    }

    public record Rejected(int index, String name, String reason) {
    }

    public record Parsed(List<Reported> tools, List<Rejected> rejected) {
    }

    public Parsed parse(JsonNode body) {
        JsonNode tools = body != null && body.isObject() ? body.get("tools") : body;
        if (tools == null || !tools.isArray()) {
            throw ApiProblem.badRequest("Expected the tools/list result ({\"tools\": [...]}) or its 'tools' array");
        }
        if (tools.size() > limits.maxTools()) {
            throw ApiProblem.badRequest("A report may hold at most " + limits.maxTools() + " tools; got " + tools.size());
        }
        List<Reported> ok = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String name = t != null && t.path("name").isTextual() ? t.get("name").textValue() : null;
            String problem = problem(t, name);
            if (problem == null && !seen.add(name)) {
                problem = "duplicate name in this report";
            }
            if (problem != null) {
                rejected.add(new Rejected(i, name, problem));
                continue;
            }
            List<PoisonFlag> flags = new ArrayList<>();
            String description = optionalText(t, "description");
            if (description != null && description.length() > limits.maxDescriptionChars()) {
                flags.add(new PoisonFlag(PoisonFlag.TRUNCATED, "description",
                        "description of " + description.length() + " characters stored truncated to " + limits.maxDescriptionChars(),
                        description.substring(0, Math.min(80, description.length()))));
                description = description.substring(0, limits.maxDescriptionChars());
            }
            ok.add(new Reported(new ToolDefinition(name, optionalText(t, "title"), description, t.get("inputSchema"),
                    present(t.get("outputSchema")), present(t.get("annotations"))), flags));
        }
        return new Parsed(ok, rejected);
    }

    private String problem(JsonNode t, String name) {
        if (t == null || !t.isObject()) {
            return "not a JSON object";
        }
        if (!ToolNames.isValidTool(name)) {
            return "'name' must be a string of 1-128 letters, digits, '_', '-' or '.'";
        }
        for (String field : List.of("title", "description")) {
            JsonNode v = t.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return "'" + field + "' must be a string";
            }
        }
        JsonNode input = t.get("inputSchema");
        if (input == null || !input.isObject()) {
            return "'inputSchema' must be a JSON Schema object (MCP requires one)";
        }
        if (input.has("type") && !"object".equals(input.path("type").asText())) {
            return "'inputSchema.type' must be \"object\"";
        }
        for (String field : List.of("outputSchema", "annotations")) {
            JsonNode v = t.get(field);
            if (v != null && !v.isNull() && !v.isObject()) {
                return "'" + field + "' must be an object";
            }
        }
        for (String field : List.of("inputSchema", "outputSchema")) {
            JsonNode v = present(t.get(field));
            if (v != null && v.toString().length() > limits.maxSchemaChars()) {
                return "'" + field + "' is larger than " + limits.maxSchemaChars() + " characters";
            }
        }
        return null;
    }

    private static JsonNode present(JsonNode v) {
        return v == null || v.isNull() ? null : v;
    }

    private static String optionalText(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? null : v.textValue();
    }
}
