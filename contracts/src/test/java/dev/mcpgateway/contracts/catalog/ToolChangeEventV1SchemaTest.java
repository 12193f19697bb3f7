package dev.mcpgateway.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolChangeEventV1SchemaTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonNode schemaNode() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ToolChangeEventV1.SCHEMA_RESOURCE)) {
            return mapper.readTree(in);
        }
    }

    private Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode());
    }

    static ToolChangeEventV1 sample() {
        return new ToolChangeEventV1(ToolChangeEventV1.VERSION, "5f0c6c8e-1f0e-4d0b-9c55-6f1f8f0a0b11",
                ToolChangeEventV1.TYPE_CHANGED, "smartlead", "smartlead_get_campaign", "sha256:aaa", "sha256:bbb",
                Instant.parse("2026-11-24T10:00:00Z"), List.of("/description", "/inputSchema/properties/notes"), false, true,
                "read", "low", "changed");
    }

    /** One event of each type, as catalog-service writes them. */
    static List<ToolChangeEventV1> everyType() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        return List.of(sample(),
                new ToolChangeEventV1(1, "e2", ToolChangeEventV1.TYPE_DISCOVERED, "s", "t", null, "sha256:n", at, List.of(), false, true,
                        "execute", "high", "active"),
                new ToolChangeEventV1(1, "e3", ToolChangeEventV1.TYPE_OVERRIDE, "s", "t", null, null, at, List.of(), false, false,
                        "financial", "critical", "active"),
                new ToolChangeEventV1(1, "e4", ToolChangeEventV1.TYPE_ACCEPTED, "s", "t", "sha256:a", "sha256:b", at, List.of(), false,
                        false, "read", "low", "active"),
                new ToolChangeEventV1(1, "e5", ToolChangeEventV1.TYPE_STATUS, "s", "t", null, null, at, List.of(), false, false,
                        "read", "low", "removed"));
    }

    @Test
    void everyTypeSerializesToTheSchemaWithoutNulls() throws Exception {
        for (ToolChangeEventV1 e : everyType()) {
            JsonNode json = mapper.valueToTree(e);
            List<Error> errors = schema().validate(json);
            assertTrue(errors.isEmpty(), () -> e.type() + ": schema errors: " + errors);
            assertFalse(json.toString().contains("null"), json.toString());
            assertEquals(e, mapper.readValue(mapper.writeValueAsBytes(e), ToolChangeEventV1.class));
        }
    }

    @Test
    void aDefinitionChangeNeedsBothHashesAndEarlierEventsStillValidate() throws Exception {
        ObjectNode json = mapper.valueToTree(sample());
        json.remove("newHash");
        assertFalse(schema().validate(json).isEmpty(), "definition_changed without newHash");
        ObjectNode accepted = mapper.valueToTree(everyType().get(3));
        accepted.remove("previousHash");
        assertFalse(schema().validate(accepted).isEmpty(), "definition_accepted without previousHash");
        // An event of the first producer (no category, risk, status) is still valid: the fields were added later.
        ObjectNode old = mapper.valueToTree(sample());
        old.remove("category");
        old.remove("risk");
        old.remove("status");
        assertTrue(schema().validate(old).isEmpty());
        ObjectNode badRisk = mapper.valueToTree(sample());
        badRisk.put("risk", "extreme");
        assertFalse(schema().validate(badRisk).isEmpty());
    }

    @Test
    void theJavaTypeSerializesToTheSchema() throws Exception {
        List<Error> errors = schema().validate(mapper.valueToTree(sample()));
        assertTrue(errors.isEmpty(), () -> "schema errors: " + errors);
    }

    @Test
    void everyRecordComponentIsInTheSchemaAndBack() throws Exception {
        List<String> fromType = new ArrayList<>();
        mapper.valueToTree(sample()).fieldNames().forEachRemaining(fromType::add);
        List<String> fromSchema = new ArrayList<>();
        schemaNode().get("properties").fieldNames().forEachRemaining(fromSchema::add);
        assertEquals(fromSchema.stream().sorted().toList(), fromType.stream().sorted().toList());
    }

    @Test
    void unknownTypesAndFieldsAreRefused() throws Exception {
        ObjectNode json = mapper.valueToTree(sample());
        json.put("type", "definition_deleted");
        assertFalse(schema().validate(json).isEmpty());
        json = mapper.valueToTree(sample());
        json.put("surprise", 1);
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void roundTripsThroughJsonWithItsKey() throws Exception {
        assertEquals(sample(), mapper.readValue(mapper.writeValueAsBytes(sample()), ToolChangeEventV1.class));
        assertEquals("smartlead/smartlead_get_campaign", sample().key());
    }
}
