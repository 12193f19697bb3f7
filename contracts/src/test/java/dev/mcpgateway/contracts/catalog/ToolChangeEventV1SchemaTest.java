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
                Instant.parse("2026-11-24T10:00:00Z"), List.of("/description", "/inputSchema/properties/notes"), false, true);
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
