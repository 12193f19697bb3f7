package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls each of the 116 tools with the smallest valid arguments its schema allows, pointing ids at the
 * seeded account. Every call must be an ordinary result (data or "❌"), never a protocol or internal error.
 */
class EveryToolAnswersTest {

    /** Ids of records the seeded account has, so most calls reach a real record. */
    private static final Map<String, Long> SEEDED_IDS = Map.of("campaign_id", 3001L, "lead_id", 50001L,
            "email_account_id", 7001L, "webhook_id", 401L, "vendor_id", 1L, "test_id", 8001L, "folder_id", 601L,
            "api_key_id", 701L);

    @Test
    void everyToolAnswersWithText() {
        JsonNode tools = new InProcessClient(true).request("tools/list", Json.object()).path("result").path("tools");
        int succeeded = 0;
        List<String> failed = new ArrayList<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            // A fresh account per tool, so deleting the seeded campaign cannot fail the tools after it.
            InProcessClient client = new InProcessClient(true);
            JsonNode arguments = minimal(tool.path("inputSchema"), "");
            JsonNode response = client.callRaw(name, Json.compact(arguments));
            String text = InProcessClient.text(response);
            assertTrue(!text.isBlank(), name);
            if (!text.startsWith("❌")) {
                InProcessClient.parse(text);
                succeeded++;
            } else {
                failed.add(name + ": " + text.lines().findFirst().orElse(""));
            }
        }
        assertEquals(116, tools.size());
        // The seed has a record of every kind; only a few calls whose arguments do not fit it may fail.
        assertTrue(succeeded >= 110, "only " + succeeded + " tools succeeded; failed: " + failed);
    }

    private static JsonNode minimal(JsonNode schema, String property) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText()) {
            case "object": {
                ObjectNode object = Json.object();
                for (JsonNode required : schema.path("required")) {
                    object.set(required.asText(), minimal(schema.path("properties").path(required.asText()), required.asText()));
                }
                return object;
            }
            case "array": {
                ArrayNode array = Json.array();
                array.add(minimal(schema.path("items"), property));
                return array;
            }
            case "integer":
            case "number":
                return Json.NODES.numberNode(SEEDED_IDS.getOrDefault(property, 1L));
            case "boolean":
                return Json.NODES.booleanNode(true);
            default:
                if ("uri".equals(schema.path("format").asText())) {
                    return Json.NODES.textNode("https://hooks.example.com/smartlead");
                }
                if ("email".equals(schema.path("format").asText()) || property.contains("email")) {
                    return Json.NODES.textNode("someone@example.com");
                }
                return Json.NODES.textNode(property.contains("date") ? "2025-05-01" : "demo");
        }
    }
}
