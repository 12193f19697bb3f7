package dev.mcpgateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every fixture name the conformance suite calls is listed, with the fields the list scenarios require. */
@QuarkusTest
class FixtureCatalogTest {

    static final Set<String> TOOLS = Set.of("test_simple_text", "test_image_content", "test_audio_content",
            "test_embedded_resource", "test_multiple_content_types", "test_tool_with_logging",
            "test_tool_with_progress", "test_error_handling", "test_sampling", "test_elicitation",
            "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums", "json_schema_2020_12_tool",
            "test_reconnection");
    static final Set<String> RESOURCES = Set.of("test://static-text", "test://static-binary", "test://watched-resource");
    static final Set<String> PROMPTS = Set.of("test_simple_prompt", "test_prompt_with_arguments",
            "test_prompt_with_embedded_resource", "test_prompt_with_image");

    @Test
    void listsEveryFixtureToolWithDescriptionAndInputSchema() {
        List<Map<String, Object>> tools = McpTestClient.connect().result("tools/list", Map.of()).getList("tools");
        assertEquals(TOOLS, names(tools, "name"));
        for (Map<String, Object> tool : tools) {
            assertFalse(String.valueOf(tool.get("description")).isBlank(), () -> "no description: " + tool);
            assertTrue(tool.get("inputSchema") instanceof Map, () -> "no inputSchema: " + tool);
        }
    }

    @Test
    void listsTheResourcesAndTheTemplate() {
        McpTestClient client = McpTestClient.connect();
        List<Map<String, Object>> resources = client.result("resources/list", Map.of()).getList("resources");
        assertEquals(RESOURCES, names(resources, "uri"));
        resources.forEach(r -> assertNotNull(r.get("name"), () -> "no name: " + r));
        List<String> templates = client.result("resources/templates/list", Map.of()).getList("resourceTemplates.uriTemplate");
        assertEquals(List.of("test://template/{id}/data"), templates);
    }

    @Test
    void listsThePromptsWithTheirArguments() {
        JsonPath prompts = McpTestClient.connect().result("prompts/list", Map.of());
        assertEquals(PROMPTS, names(prompts.getList("prompts"), "name"));
        assertEquals(List.of("arg1", "arg2"),
                prompts.getList("prompts.find { it.name == 'test_prompt_with_arguments' }.arguments.name"));
        assertEquals(List.of(true, true),
                prompts.getList("prompts.find { it.name == 'test_prompt_with_arguments' }.arguments.required"));
    }

    @Test
    void keepsTheJsonSchema2020KeywordsOfItsInputSchema() {
        JsonPath tools = McpTestClient.connect().result("tools/list", Map.of());
        Map<String, Object> schema = tools.getMap("tools.find { it.name == 'json_schema_2020_12_tool' }.inputSchema");
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema"));
        assertEquals(Boolean.FALSE, schema.get("additionalProperties"));
        assertTrue(((Map<?, ?>) schema.get("$defs")).containsKey("address"), () -> "no $defs.address: " + schema);
        assertEquals(Map.of("$ref", "#/$defs/address"), ((Map<?, ?>) schema.get("properties")).get("address"));
    }

    private static Set<String> names(List<Map<String, Object>> items, String key) {
        return items.stream().map(i -> (String) i.get(key)).collect(java.util.stream.Collectors.toSet());
    }
}
