package dev.mcpgateway.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.event.DecisionEvents;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.session.ProxySession;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation stage on its own: every kind of schema violation, each mode, and the schemas it cannot use. */
class ArgumentValidationStageTest {

    static final String SCHEMA = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
             "properties": {
               "campaign_id": {"type": "integer", "minimum": 1},
               "status": {"type": "string", "enum": ["START", "PAUSED", "STOPPED"]},
               "email": {"type": "string", "pattern": "^[^@ ]+@[^@ ]+$"},
               "tags": {"type": "array", "items": {"type": "string"}}},
             "required": ["campaign_id"],
             "additionalProperties": false}""";

    private final ToolSchemas schemas = new ToolSchemas(null);
    private final List<String> unknownServers = new ArrayList<>();

    ArgumentValidationStageTest() {
        schemas.replace("smartlead", tools("update_campaign_status", SCHEMA));
        schemas.whenUnknown(unknownServers::add);
    }

    @Test
    void validArgumentsGoOnUntouched() {
        CallExchange ex = exchange("{\"campaign_id\": 7, \"status\": \"PAUSED\", \"tags\": [\"a\"]}");
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertNull(ex.decision());
        assertTrue(ex.auditNotes().isEmpty());
    }

    @Test
    void missingRequiredIsRefusedWithThePointerOfTheMissingProperty() {
        JsonNode meta = refused("{\"status\": \"PAUSED\"}", "/campaign_id", "required");
        assertTrue(meta.path("schemaErrors").get(0).path("message").asText().contains("campaign_id"), meta.toString());
    }

    @Test
    void wrongTypeIsRefused() {
        refused("{\"campaign_id\": \"seven\"}", "/campaign_id", "type");
    }

    @Test
    void valueOutsideTheEnumIsRefused() {
        refused("{\"campaign_id\": 7, \"status\": \"DELETED\"}", "/status", "enum");
    }

    @Test
    void patternMismatchIsRefused() {
        refused("{\"campaign_id\": 7, \"email\": \"not an address\"}", "/email", "pattern");
    }

    @Test
    void extraPropertyIsRefused() {
        refused("{\"campaign_id\": 7, \"delete_everything\": true}", "/delete_everything", "additionalProperties");
    }

    @Test
    void nestedErrorsPointIntoArrays() {
        refused("{\"campaign_id\": 7, \"tags\": [\"ok\", 3]}", "/tags/1", "type");
    }

    @Test
    void everyErrorIsListedInTheTextAndTheAuditReason() {
        CallExchange ex = exchange("{\"campaign_id\": 0, \"status\": \"x\", \"extra\": 1}");
        StageResult r = stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely();
        ObjectNode response = assertInstanceOf(StageResult.Reject.class, r).response();
        String text = response.path("result").path("content").get(0).path("text").asText();
        assertTrue(text.startsWith("Refused by the gateway: the arguments do not match the input schema of tool "
                + "'update_campaign_status' (3 errors), so the call was not forwarded to smartlead."), text);
        assertTrue(text.contains("\n- /campaign_id: "), text);
        assertTrue(text.contains("\n- /status: "), text);
        assertTrue(text.contains("\n- /extra: "), text);
        assertEquals(3, response.at("/result/_meta").path(Refusals.META_KEY).path("schemaErrors").size());

        // Audited as refused by the gateway's own rule, with nothing for policy-service to settle.
        DecisionEventV1 event = DecisionEvents.build(ex, System.nanoTime());
        assertEquals(DecisionEventV1.Decision.DENY, event.decision());
        assertEquals(ArgumentValidationStage.RULE, event.rule());
        assertTrue(event.reason().startsWith("arguments do not match the tool's input schema: /campaign_id: "), event.reason());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, event.upstreamOutcome());
        assertTrue(ex.decision().getDecisionId().isEmpty());
    }

    @Test
    void warnForwardsAndNotesTheErrorsForTheAudit() {
        CallExchange ex = exchange("{\"campaign_id\": \"seven\"}");
        assertSame(StageResult.forward(), stage(ValidationMode.WARN).apply(ex).await().indefinitely());
        assertNull(ex.decision(), "warn leaves the decision to policy");
        assertEquals(1, ex.auditNotes().size());
        assertTrue(ex.auditNotes().get(0).startsWith("arguments do not match the tool's input schema: /campaign_id: "),
                ex.auditNotes().get(0));
    }

    @Test
    void offChecksNothing() {
        CallExchange ex = exchange("{\"campaign_id\": \"seven\", \"extra\": 1}");
        assertSame(StageResult.forward(), stage(ValidationMode.OFF).apply(ex).await().indefinitely());
        assertTrue(ex.auditNotes().isEmpty());
    }

    @Test
    void unknownToolIsForwardedUncheckedAndSaysSo() {
        CallExchange ex = exchange("other", "smartlead", "{\"anything\": 1}");
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertEquals(List.of("arguments not checked: no input schema is known for this tool"), ex.auditNotes());
    }

    @Test
    void aServerNeverListedAsksDiscoveryForItsList() {
        stage(ValidationMode.ENFORCE).apply(exchange("t", "fresh", "{}")).await().indefinitely();
        assertEquals(List.of("fresh"), unknownServers);
    }

    @Test
    void aSchemaThatIsNotAJsonSchemaIsNotUsed() {
        schemas.replace("broken", tools("t", "{\"type\": \"objekt\"}"));
        CallExchange ex = exchange("t", "broken", "{\"a\": 1}");
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertTrue(ex.auditNotes().get(0).startsWith("arguments not checked: the tool's input schema is unusable"),
                ex.auditNotes().get(0));
    }

    @Test
    void remoteReferencesAreNeverFetched() {
        schemas.replace("remote", tools("t", "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:9/x.json\"}}}"));
        CallExchange ex = exchange("t", "remote", "{\"a\": 1}");
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertTrue(ex.auditNotes().get(0).contains("unusable"), ex.auditNotes().toString());
    }

    @Test
    void theCatalogIsTheFallbackForAToolNotListedLive() throws Exception {
        try (FakeCatalog catalog = new FakeCatalog()) {
            catalog.tool("smartlead", "from_catalog", SCHEMA);
            ToolSchemas withCatalog = new ToolSchemas(new CatalogSchemas(catalog.url(), Duration.ofSeconds(1), Duration.ofSeconds(60)));
            withCatalog.replace("smartlead", tools("update_campaign_status", SCHEMA));
            CallExchange ex = exchange("from_catalog", "smartlead", "{\"status\": \"PAUSED\"}");
            StageResult r = new ArgumentValidationStage(withCatalog, new ArgumentChecker(), s -> ValidationMode.ENFORCE)
                    .apply(ex).await().indefinitely();
            JsonNode meta = assertInstanceOf(StageResult.Reject.class, r).response().at("/result/_meta").path(Refusals.META_KEY);
            assertEquals(ToolSchemas.CATALOG, meta.path("schemaSource").asText());
            // The second lookup is served from the cache.
            withCatalog.find("smartlead", "from_catalog").await().indefinitely();
            assertEquals(1, catalog.lookups());
        }
    }

    @Test
    void aCatalogThatIsDownLeavesTheCallUnchecked() {
        ToolSchemas down = new ToolSchemas(new CatalogSchemas("http://127.0.0.1:9", Duration.ofMillis(500), Duration.ofSeconds(60)));
        CallExchange ex = exchange("{\"campaign_id\": 7}");
        assertSame(StageResult.forward(), new ArgumentValidationStage(down, new ArgumentChecker(), s -> ValidationMode.ENFORCE)
                .apply(ex).await().atMost(Duration.ofSeconds(5)));
        assertTrue(ex.auditNotes().get(0).startsWith("arguments not checked"), ex.auditNotes().toString());
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode refused(String args, String pointer, String keyword) {
        CallExchange ex = exchange(args);
        StageResult r = stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely();
        ObjectNode response = assertInstanceOf(StageResult.Reject.class, r).response();
        assertEquals(7, response.path("id").asInt());
        assertTrue(response.path("result").path("isError").asBoolean());
        JsonNode meta = response.at("/result/_meta").path(Refusals.META_KEY);
        assertEquals("DENY", meta.path("decision").asText());
        assertEquals(ArgumentValidationStage.RULE, meta.path("rule").asText());
        assertEquals(ToolSchemas.LIVE, meta.path("schemaSource").asText());
        JsonNode first = meta.path("schemaErrors").get(0);
        assertEquals(pointer, first.path("pointer").asText(), meta.toString());
        assertEquals(keyword, first.path("keyword").asText(), meta.toString());
        String text = response.path("result").path("content").get(0).path("text").asText();
        assertTrue(text.contains("\n- " + pointer + ": "), text);
        assertEquals(Decision.DENY, ex.decision().getDecision());
        return meta;
    }

    private ArgumentValidationStage stage(ValidationMode mode) {
        return new ArgumentValidationStage(schemas, new ArgumentChecker(), server -> mode);
    }

    static JsonNode tools(String name, String schema) {
        try {
            ObjectNode tool = Json.object();
            tool.put("name", name);
            tool.set("inputSchema", Json.MAPPER.readTree(schema));
            return Json.NODES.arrayNode().add(tool);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallExchange exchange(String args) {
        return exchange("update_campaign_status", "smartlead", args);
    }

    static CallExchange exchange(String tool, String server, String args) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + args + "}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", server, "g-1", "demo", "up-1", "2025-11-25",
                Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        return new CallExchange(msg, server, new Grant("g-1", "demo", "", "p-1"), session, tool,
                (ObjectNode) msg.param("arguments"), Context.root(), Instant.now(), System.nanoTime(), null);
    }
}
