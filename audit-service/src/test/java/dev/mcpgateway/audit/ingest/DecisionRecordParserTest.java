package dev.mcpgateway.audit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionRecordParserTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final DecisionRecordParser parser = new DecisionRecordParser(json);

    @Test
    void readsWhatTheProxyWrites() throws Exception {
        DecisionEventV1 sent = TestEvents.withArguments(TestEvents.event("d-1"), Map.of("campaign_id", 7));
        assertEquals(sent, parser.parse(json.writeValueAsBytes(sent)));
    }

    @Test
    void refusesNonJson() {
        String reason = reason("not json at all".getBytes(StandardCharsets.UTF_8));
        assertTrue(reason.startsWith("not JSON"), reason);
        assertTrue(reason("[1,2]".getBytes(StandardCharsets.UTF_8)).startsWith("not a JSON object"));
        assertEquals("empty record value", reason(new byte[0]));
        assertEquals("empty record value", reason(null));
    }

    @Test
    void refusesAMissingDecisionId() throws Exception {
        ObjectNode node = json.valueToTree(TestEvents.event("d-1"));
        node.remove("decisionId");
        String reason = reason(json.writeValueAsBytes(node));
        assertTrue(reason.startsWith("does not match the DecisionEventV1 schema") && reason.contains("decisionId"),
                reason);
    }

    @Test
    void refusesWhatTheSchemaRefuses() throws Exception {
        ObjectNode node = json.valueToTree(TestEvents.event("d-1"));
        node.put("decision", "MAYBE");
        assertTrue(reason(json.writeValueAsBytes(node)).contains("schema"));
    }

    @Test
    void refusesAnUnparsableTimestamp() throws Exception {
        ObjectNode node = json.valueToTree(TestEvents.event("d-1"));
        node.put("timestamp", "last tuesday");
        assertTrue(reason(json.writeValueAsBytes(node)).startsWith("not a DecisionEventV1"));
    }

    private String reason(byte[] value) {
        return assertThrows(MalformedRecordException.class, () -> parser.parse(value)).getMessage();
    }
}
