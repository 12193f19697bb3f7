package dev.mcpgateway.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallStage;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.event.DecisionEvents;
import dev.mcpgateway.proxy.jsonrpc.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy's strict_arguments, after Decide: undeclared arguments are refused even where the schema allows them. */
class StrictArgumentsStageTest {

    /** Allows undeclared properties everywhere (no additionalProperties), like many generated schemas. */
    static final String OPEN_SCHEMA = """
            {"type": "object",
             "properties": {
               "campaign_id": {"type": "integer"},
               "filter": {"type": "object", "properties": {"status": {"type": "string"}}},
               "headers": {"type": "object", "additionalProperties": {"type": "string"}},
               "metadata": {"type": "object"},
               "leads": {"type": "array", "items": {"type": "object", "properties": {"email": {"type": "string"}}}}},
             "allOf": [{"properties": {"dry_run": {"type": "boolean"}}}],
             "required": ["campaign_id"]}""";

    private final ToolSchemas schemas = new ToolSchemas(null);

    StrictArgumentsStageTest() {
        schemas.replace("smartlead", ArgumentValidationStageTest.tools("open_tool", OPEN_SCHEMA));
    }

    @Test
    void anUndeclaredArgumentIsRefusedWithItsPointerUnderThePolicysRule() {
        CallExchange ex = exchange("{\"campaign_id\": 7, \"surprise\": true}", strictAllow());
        ObjectNode response = assertInstanceOf(StageResult.Reject.class, stage(ValidationMode.ENFORCE).apply(ex)
                .await().indefinitely()).response();
        JsonNode meta = response.at("/result/_meta").path(Refusals.META_KEY);
        assertEquals("DENY", meta.path("decision").asText());
        assertEquals("/strict_arguments", meta.path("rule").asText());
        assertEquals("d-1", meta.path("decisionId").asText(), meta.toString());
        assertEquals(1, meta.path("schemaErrors").size(), meta.toString());
        assertEquals("/surprise", meta.path("schemaErrors").get(0).path("pointer").asText());
        assertEquals("additionalProperties", meta.path("schemaErrors").get(0).path("keyword").asText());
        String text = response.path("result").path("content").get(0).path("text").asText();
        assertTrue(text.startsWith("Refused by the gateway's policy: it accepts only the arguments the input schema of "
                + "tool 'open_tool' declares, and this one is not declared, so the call was not forwarded to smartlead."), text);
        assertTrue(text.contains("\n- /surprise: "), text);

        // Audited as policy's refusal (its id, so Settle gives any reservation back), not forwarded.
        DecideResponse decided = ex.decision();
        assertEquals(Decision.DENY, decided.getDecision());
        assertEquals("d-1", decided.getDecisionId());
        assertEquals("strict-policy", decided.getPolicyId());
        DecisionEventV1 event = DecisionEvents.build(ex, System.nanoTime());
        assertEquals(DecisionEventV1.Decision.DENY, event.decision());
        assertEquals("/strict_arguments", event.rule());
        assertTrue(event.reason().startsWith(StrictArgumentsStage.REASON_PREFIX + "/surprise: "), event.reason());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, event.upstreamOutcome());
    }

    @Test
    void nestedObjectsWithDeclaredPropertiesAreStrictToo() {
        JsonNode meta = refusedMeta("{\"campaign_id\": 7, \"filter\": {\"status\": \"x\", \"owner\": 1},"
                + " \"leads\": [{\"email\": \"a@b\"}, {\"email\": \"c@d\", \"phone\": \"1\"}]}");
        List<String> pointers = pointers(meta);
        assertEquals(List.of("/filter/owner", "/leads/1/phone"), pointers.stream().sorted().toList());
    }

    @Test
    void declaredArgumentsMapsFreeFormObjectsAndComposedPropertiesPass() {
        CallExchange ex = exchange("{\"campaign_id\": 7, \"filter\": {\"status\": \"x\"}, \"headers\": {\"X-A\": \"1\"},"
                + " \"metadata\": {\"anything\": [1]}, \"leads\": [{\"email\": \"a@b\"}], \"dry_run\": true}", strictAllow());
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertEquals(Decision.ALLOW, ex.decision().getDecision());
    }

    @Test
    void withoutTheOptionNothingIsChecked() {
        DecideResponse plain = strictAllow().toBuilder().setStrictArguments(false).build();
        CallExchange ex = exchange("{\"campaign_id\": 7, \"surprise\": true}", plain);
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(ex).await().indefinitely());
        assertSame(plain, ex.decision());
        assertTrue(ex.auditNotes().isEmpty());
    }

    @Test
    void warnModeAndMonitorPoliciesForwardAndNote() {
        CallExchange warned = exchange("{\"campaign_id\": 7, \"surprise\": true}", strictAllow());
        assertSame(StageResult.forward(), stage(ValidationMode.WARN).apply(warned).await().indefinitely());
        assertEquals(Decision.ALLOW, warned.decision().getDecision());
        assertTrue(warned.auditNotes().get(0).startsWith(StrictArgumentsStage.REASON_PREFIX + "/surprise: "), warned.auditNotes().toString());
        assertTrue(warned.auditNotes().get(0).endsWith("(forwarded: argument validation is in warn mode)"));

        CallExchange monitored = exchange("{\"campaign_id\": 7, \"surprise\": true}",
                strictAllow().toBuilder().setEnforced(false).build());
        assertSame(StageResult.forward(), stage(ValidationMode.ENFORCE).apply(monitored).await().indefinitely());
        assertTrue(monitored.auditNotes().get(0).endsWith("(forwarded: the policy is in monitor mode)"), monitored.auditNotes().toString());
    }

    @Test
    void offModeChecksNothing() {
        CallExchange ex = exchange("{\"campaign_id\": 7, \"surprise\": true}", strictAllow());
        assertSame(StageResult.forward(), stage(ValidationMode.OFF).apply(ex).await().indefinitely());
        assertTrue(ex.auditNotes().isEmpty());
    }

    @Test
    void theOriginalSchemaIsNotTouchedAndStaysLenient() {
        new ArgumentChecker().checkStrict(schemas.find("smartlead", "open_tool").await().indefinitely().schema(), Json.object());
        JsonNode schema = schemas.find("smartlead", "open_tool").await().indefinitely().schema();
        assertTrue(schema.path("additionalProperties").isMissingNode(), schema.toString());
        ObjectNode args = Json.object().put("campaign_id", 1).put("surprise", true);
        assertInstanceOf(ArgumentChecker.Valid.class, new ArgumentChecker().check(schema, args));
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode refusedMeta(String args) {
        CallExchange ex = exchange(args, strictAllow());
        ObjectNode response = assertInstanceOf(StageResult.Reject.class, stage(ValidationMode.ENFORCE).apply(ex)
                .await().indefinitely()).response();
        return response.at("/result/_meta").path(Refusals.META_KEY);
    }

    private static List<String> pointers(JsonNode meta) {
        List<String> out = new java.util.ArrayList<>();
        meta.path("schemaErrors").forEach(e -> out.add(e.path("pointer").asText()));
        return out;
    }

    private CallStage stage(ValidationMode mode) {
        return new ArgumentValidationStage(schemas, new ArgumentChecker(), s -> mode).strictArguments();
    }

    private static DecideResponse strictAllow() {
        return DecideResponse.newBuilder().setDecision(Decision.ALLOW).setDecisionId("d-1").setPolicyId("strict-policy")
                .setPolicyVersion(2).setRule("/tools/open_tool").setEnforced(true).setLimitRemaining(4)
                .setStrictArguments(true).build();
    }

    private static CallExchange exchange(String args, DecideResponse decision) {
        CallExchange ex = ArgumentValidationStageTest.exchange("open_tool", "smartlead", args);
        ex.decided(decision);
        return ex;
    }
}
