package dev.mcpgateway.conformance.tools;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;

/**
 * SEP-1613: a tool whose input schema uses JSON Schema 2020-12 keywords ({@code $schema}, {@code $defs},
 * {@code $ref}, {@code additionalProperties}) that a proxy must pass through untouched.
 */
public class JsonSchema2020Tool {

    /** The address argument, as {@code $defs/address} describes it. */
    public record Address(String street, String city) {
    }

    @Tool(name = "json_schema_2020_12_tool", description = "Tool with JSON Schema 2020-12 features",
            inputSchema = @Tool.InputSchema(generator = JsonSchema2020Schema.class))
    ToolResponse call(@ToolArg(required = false) String name, @ToolArg(required = false) Address address) {
        String who = name == null ? "anonymous" : name;
        String where = address == null ? "no address" : address.street() + ", " + address.city();
        return ToolResponse.success("JSON Schema 2020-12 tool called for " + who + " at " + where);
    }
}
