package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.demo.json.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** tools/list must be the catalog: same 116 names in order, purpose as description, schemas byte for byte. */
class ToolListingTest {

    @Test
    void listsExactlyTheCatalogTools() throws Exception {
        JsonNode catalog;
        // An independent reader: the expectation must not come from the code under test.
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/smartlead-tools.json")) {
            catalog = new ObjectMapper().readTree(in).get("tools");
        }
        JsonNode response = new InProcessClient(true).request("tools/list", Json.object());
        JsonNode tools = response.path("result").path("tools");
        assertFalse(response.path("result").has("nextCursor"), "one page, like the original");
        assertEquals(116, catalog.size());
        assertEquals(catalog.size(), tools.size());
        for (int i = 0; i < catalog.size(); i++) {
            JsonNode expected = catalog.get(i);
            JsonNode actual = tools.get(i);
            String name = expected.get("name").asText();
            assertEquals(name, actual.path("name").asText());
            assertEquals(List.of("name", "description", "inputSchema"), fieldNames(actual), name + " carries extra fields");
            assertEquals(expected.get("purpose").asText(), actual.path("description").asText());
            // Compact text comparison: equal JSON *and* equal key order.
            assertEquals(new ObjectMapper().writeValueAsString(expected.get("inputSchema")),
                    Json.compact(actual.get("inputSchema")), name + " schema differs");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
