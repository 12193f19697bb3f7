package dev.mcpgateway.contracts.audit;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionEventV1SchemaTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Schema schema() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DecisionEventV1.SCHEMA_RESOURCE)) {
            JsonNode node = mapper.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
        }
    }

    static DecisionEventV1 sample() {
        return new DecisionEventV1(DecisionEventV1.VERSION, "d-1", Instant.parse("2026-11-24T10:00:00Z"), "trace",
                "g-1", "demo", "s-1", "smartlead", "smartlead_retrigger_failed_events", "high", "execute",
                DecisionEventV1.Decision.RATE_LIMITED, true, "limit reached", "/tools/smartlead_retrigger_failed_events/limits/0",
                "default", 1L, 0L, 42_000L, List.of("campaign_id"), null, List.of(),
                DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, null, 3);
    }

    @Test
    void theJavaTypeSerializesToTheSchema() throws Exception {
        JsonNode json = mapper.valueToTree(sample());
        List<Error> errors = schema().validate(json);
        assertTrue(errors.isEmpty(), () -> "schema errors: " + errors);
    }

    @Test
    void everyRecordComponentIsInTheSchemaAndBack() throws Exception {
        JsonNode json = mapper.valueToTree(sample());
        JsonNode props;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DecisionEventV1.SCHEMA_RESOURCE)) {
            props = mapper.readTree(in).get("properties");
        }
        List<String> fromType = iterator(json);
        List<String> fromSchema = iterator(props);
        assertEquals(fromSchema.stream().sorted().toList(), fromType.stream().sorted().toList());
    }

    @Test
    void anUnknownDecisionIsRefusedByTheSchema() throws Exception {
        ObjectNode json = mapper.valueToTree(sample());
        json.put("decision", "MAYBE");
        assertFalse(schema().validate(json).isEmpty());
        json = mapper.valueToTree(sample());
        json.put("surprise", 1);
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        DecisionEventV1 back = mapper.readValue(mapper.writeValueAsBytes(sample()), DecisionEventV1.class);
        assertEquals(sample(), back);
    }

    private static List<String> iterator(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
