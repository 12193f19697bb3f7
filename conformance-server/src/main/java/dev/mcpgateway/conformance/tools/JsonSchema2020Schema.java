package dev.mcpgateway.conformance.tools;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.InputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;

/** The hand-written input schema of {@code json_schema_2020_12_tool}: the generated one has none of the 2020-12 keywords. */
@Singleton
public class JsonSchema2020Schema implements InputSchemaGenerator<Map<String, Object>> {

    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @Override
    public Map<String, Object> generate(ToolInfo tool) {
        Map<String, Object> string = Map.of("type", "string");
        Map<String, Object> addressProperties = new LinkedHashMap<>();
        addressProperties.put("street", string);
        addressProperties.put("city", string);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("type", "object");
        address.put("properties", addressProperties);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", string);
        properties.put("address", Map.of("$ref", "#/$defs/address"));

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DRAFT_2020_12);
        schema.put("type", "object");
        schema.put("$defs", Map.of("address", address));
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }
}
