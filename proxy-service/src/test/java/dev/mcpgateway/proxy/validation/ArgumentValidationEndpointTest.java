package dev.mcpgateway.proxy.validation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Argument validation and discovery through /mcp/{server}: enforce, warn and off, and what the catalog is told. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
@TestProfile(ValidationProfile.class)
class ArgumentValidationEndpointTest {

    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String BAD_ARGS = "{\"campaign_id\":\"seven\",\"status\":\"DELETED\",\"extra\":true}";

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySink<DecisionEventV1> events;

    @BeforeEach
    void reset() {
        events = connector.sink("decisions");
        events.clear();
        FakePolicyService.DECIDES.clear();
    }

    @Test
    void enforceRefusesWithEveryErrorAndNeitherForwardsNorAsksPolicy() throws Exception {
        String session = discovered("strict");
        int before = ValidationProfile.upstream.calls("update_campaign_status").size(); // one upstream serves all three
        JsonNode result = callTool("strict", session, "update_campaign_status", BAD_ARGS).path("result");

        assertTrue(result.path("isError").asBoolean());
        String text = result.path("content").get(0).path("text").asText();
        assertTrue(text.startsWith("Refused by the gateway: the arguments do not match the input schema of tool "
                + "'update_campaign_status' (3 errors), so the call was not forwarded to strict."), text);
        assertTrue(text.contains("\n- /campaign_id: string found, integer expected"), text);
        assertTrue(text.contains("\n- /status: "), text);
        assertTrue(text.contains("\n- /extra: "), text);
        JsonNode meta = result.path("_meta").path(Refusals.META_KEY);
        assertEquals("DENY", meta.path("decision").asText());
        assertEquals("/gateway/argument-validation", meta.path("rule").asText());
        assertEquals("upstream", meta.path("schemaSource").asText(), "the upstream's own list, read by discovery");
        assertEquals(3, meta.path("schemaErrors").size());

        assertEquals(before, ValidationProfile.upstream.calls("update_campaign_status").size(), "not forwarded");
        assertTrue(FakePolicyService.DECIDES.isEmpty(), "refused before Decide: no quota used");
        DecisionEventV1 event = event("update_campaign_status");
        assertEquals(DecisionEventV1.Decision.DENY, event.decision());
        assertEquals("/gateway/argument-validation", event.rule());
        assertTrue(event.reason().startsWith("arguments do not match the tool's input schema: /campaign_id: "), event.reason());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, event.upstreamOutcome());
    }

    @Test
    void enforceForwardsArgumentsThatFit() throws Exception {
        String session = discovered("strict");
        int before = ValidationProfile.upstream.calls("update_campaign_status").size();
        JsonNode result = callTool("strict", session, "update_campaign_status", "{\"campaign_id\":7,\"status\":\"PAUSED\"}")
                .path("result");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(before + 1, ValidationProfile.upstream.calls("update_campaign_status").size());
        assertEquals(DecisionEventV1.Decision.ALLOW, event("update_campaign_status").decision());
    }

    @Test
    void aStrictPolicyRefusesUndeclaredArgumentsAfterDecideAndGivesTheReservationBack() throws Exception {
        String session = discovered("strict");
        int before = ValidationProfile.upstream.calls("open_tool").size();
        JsonNode result = callTool("strict", session, "open_tool", "{\"campaign_id\":7,\"surprise\":true}").path("result");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        JsonNode meta = result.path("_meta").path(Refusals.META_KEY);
        assertEquals("/strict_arguments", meta.path("rule").asText(), meta.toString());
        assertEquals("/surprise", meta.path("schemaErrors").get(0).path("pointer").asText(), meta.toString());
        assertEquals(before, ValidationProfile.upstream.calls("open_tool").size(), "not forwarded");

        DecisionEventV1 event = event("open_tool");
        assertEquals(DecisionEventV1.Decision.DENY, event.decision());
        assertEquals("/strict_arguments", event.rule());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, event.upstreamOutcome());
        // policy-service decided (and may have reserved quota): the refusal settles it as not forwarded.
        String decisionId = meta.path("decisionId").asText();
        await(() -> FakePolicyService.SETTLES.stream().anyMatch(s -> s.getDecisionId().equals(decisionId)
                && s.getOutcome() == dev.mcpgateway.contracts.policy.v1.Outcome.NOT_FORWARDED));

        // Declared arguments go through under the same policy.
        JsonNode ok = callTool("strict", session, "open_tool", "{\"campaign_id\":7}").path("result");
        assertFalse(ok.path("isError").asBoolean(), ok.toString());
        assertEquals(before + 1, ValidationProfile.upstream.calls("open_tool").size());
    }

    @Test
    void warnForwardsAndTheEventNotesTheErrors() throws Exception {
        String session = discovered("lenient");
        int before = ValidationProfile.upstream.calls("update_campaign_status").size();
        JsonNode result = callTool("lenient", session, "update_campaign_status", BAD_ARGS).path("result");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(before + 1, ValidationProfile.upstream.calls("update_campaign_status").size());
        DecisionEventV1 event = event("update_campaign_status");
        assertEquals(DecisionEventV1.Decision.ALLOW, event.decision(), "policy decided; validation only noted");
        assertTrue(event.reason().contains("arguments do not match the tool's input schema: /campaign_id: "), event.reason());
        assertTrue(event.reason().contains("warn mode"), event.reason());
    }

    @Test
    void offForwardsWithoutLooking() throws Exception {
        String session = discovered("unchecked");
        int before = ValidationProfile.upstream.calls("update_campaign_status").size();
        JsonNode result = callTool("unchecked", session, "update_campaign_status", BAD_ARGS).path("result");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(before + 1, ValidationProfile.upstream.calls("update_campaign_status").size());
        DecisionEventV1 event = event("update_campaign_status");
        assertTrue(event.reason() == null || !event.reason().contains("input schema"), event.reason());
    }

    @Test
    void listChangedReportsTheNewListAndItsSchemasApplyAtOnce() throws Exception {
        String session = discovered("strict");
        int reports = ValidationProfile.catalog.reportsOf("strict").size();
        // The upstream announces the change inside this call's SSE answer; the proxy relays it and reads the list again.
        callTool("strict", session, "change_tools", "{}");
        await(() -> ValidationProfile.catalog.reportsOf("strict").size() > reports);
        List<String> reported = ValidationProfile.catalog.reportsOf("strict");
        assertTrue(reported.get(reported.size() - 1).contains("\"new_tool\""), reported.get(reported.size() - 1));
        JsonNode refused = callTool("strict", session, "new_tool", "{}").path("result");
        assertTrue(refused.path("isError").asBoolean(), refused.toString());
        assertTrue(refused.path("content").get(0).path("text").asText().contains("\n- /n: "), refused.toString());
    }

    @Test
    void aCatalogThatFailsNeverFailsTheCall() throws Exception {
        ValidationProfile.catalog.failing = true;
        try {
            String session = newSession("lenient");
            JsonNode result = callTool("lenient", session, "update_campaign_status", "{\"campaign_id\":7}").path("result");
            assertFalse(result.path("isError").asBoolean(), result.toString());
        } finally {
            ValidationProfile.catalog.failing = false;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A session on {@code server}, once the catalog has the server's list (discovery at the first session). */
    private static String discovered(String server) throws Exception {
        String session = newSession(server);
        await(() -> !ValidationProfile.catalog.reportsOf(server).isEmpty());
        return session;
    }

    private static String newSession(String server) {
        String id = client().body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}}")
                .post("/mcp/" + server).then().statusCode(200).extract().header("Mcp-Session-Id");
        client().header("Mcp-Session-Id", id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp/" + server).then().statusCode(202);
        return id;
    }

    private static JsonNode callTool(String server, String session, String tool, String args) throws Exception {
        String body = client().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + args + "}}")
                .post("/mcp/" + server).then().statusCode(200).extract().asString();
        // A JSON body, or an SSE stream whose last data line is the response.
        String json = body.strip().startsWith("{") ? body : body.lines().filter(l -> l.startsWith("data:"))
                .reduce((a, b) -> b).orElseThrow().substring(5).strip();
        return Json.MAPPER.readTree(json);
    }

    private DecisionEventV1 event(String tool) throws Exception {
        await(() -> events.received().stream().anyMatch(m -> tool.equals(m.getPayload().tool())));
        return events.received().stream().map(Message::getPayload).filter(e -> tool.equals(e.tool()))
                .reduce((a, b) -> b).orElseThrow();
    }

    private static RequestSpecification client() {
        return given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).contentType("application/json").accept(ACCEPT);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            Thread.sleep(20);
        }
    }
}
