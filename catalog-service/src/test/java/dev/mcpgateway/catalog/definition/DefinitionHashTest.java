package dev.mcpgateway.catalog.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DefinitionHashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ToolDefinition def(String schema) {
        return new ToolDefinition("send_email", "Send Email", "Send an email", json(schema), null, json("{\"openWorldHint\":true}"));
    }

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"},\"n\":{\"type\":\"number\",\"maximum\":10}},\"required\":[\"to\"]}";

    @Test
    void canonicalJsonSortsKeysDropsWhitespaceAndNormalisesNumbers() {
        assertEquals("{\"a\":[1,{\"x\":null,\"y\":\"\\\"q\\\"\"}],\"b\":1.5,\"c\":10}",
                CanonicalJson.write(json("{ \"c\" : 1e1, \"b\": 1.50,\n \"a\": [ 1.0, {\"y\": \"\\\"q\\\"\", \"x\": null} ] }")));
    }

    @Test
    void hashIsSha256HexOfTheCanonicalDefinition() {
        String hash = def(SCHEMA).hash();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(DefinitionHash.sha256Hex(CanonicalJson.write(def(SCHEMA).toJson())), hash);
        // Known vector: sha256 of the empty string.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DefinitionHash.sha256Hex(""));
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheHash() {
        String reordered = """
                {
                  "required" : [ "to" ],
                  "properties" : { "n" : { "maximum" : 10.0, "type" : "number" },
                                   "to": {"type":"string"} },
                  "type" : "object"
                }""";
        assertEquals(def(SCHEMA).hash(), def(reordered).hash());
    }

    @Test
    void nullAndAbsentOptionalFieldsHashTheSame() {
        ToolDefinition absent = new ToolDefinition("t", null, "d", json("{\"type\":\"object\"}"), null, null);
        ToolDefinition explicitNull = new ToolDefinition("t", null, "d", json("{\"type\":\"object\"}"),
                json("null"), json("null"));
        assertEquals(absent.hash(), explicitNull.hash());
    }

    @Test
    void anyDefinitionChangeChangesTheHash() {
        ToolDefinition base = def(SCHEMA);
        String h = base.hash();
        JsonNode schema = json(SCHEMA);
        JsonNode annotations = json("{\"openWorldHint\":true}");
        assertNotEquals(h, new ToolDefinition("send_emails", base.title(), base.description(), schema, null, annotations).hash(), "name");
        assertNotEquals(h, new ToolDefinition(base.name(), "Send Mail", base.description(), schema, null, annotations).hash(), "title");
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), "Send an email.", schema, null, annotations).hash(), "description");
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), base.description(),
                json(SCHEMA.replace("\"maximum\":10", "\"maximum\":11")), null, annotations).hash(), "input schema");
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), base.description(),
                json(SCHEMA.replace("[\"to\"]", "[]")), null, annotations).hash(), "required list");
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), base.description(), schema,
                json("{\"type\":\"object\"}"), annotations).hash(), "output schema");
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), base.description(), schema, null,
                json("{\"openWorldHint\":false}")).hash(), "annotations");
        // A zero-width space is invisible to a reviewer but must still count as a change.
        assertNotEquals(h, new ToolDefinition(base.name(), base.title(), "Send an\u200B email", schema, null, annotations).hash(),
                "invisible character");
    }

    @Test
    void arrayOrderIsSignificant() {
        assertNotEquals(CanonicalJson.write(json("[1,2]")), CanonicalJson.write(json("[2,1]")));
    }
}
