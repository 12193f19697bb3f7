package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad call is a JSON-RPC -32602 whose message names the tool and the problem. */
class ArgumentValidationTest {

    private final InProcessClient client = new InProcessClient(true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing required     | smartlead_get_campaign           | {}                                            | campaign_id",
            "wrong type           | smartlead_get_campaign           | {\"campaign_id\":\"3001\"}                    | number expected",
            "extra property       | smartlead_get_campaign           | {\"campaign_id\":3001,\"force\":true}         | force",
            "enum value           | smartlead_update_campaign_status | {\"campaign_id\":3001,\"status\":\"GO\"}      | status",
            "email format         | smartlead_fetch_lead_by_email    | {\"email\":\"not-an-email\"}                  | email",
            "email without TLD    | smartlead_add_lead_to_global_blocklist | {\"email\":\"ann@localhost\"}           | email",
            "uri format           | smartlead_add_or_update_campaign_webhook | {\"campaign_id\":3001,\"webhook_url\":\"not a url\",\"events\":[]} | webhook_url",
            "exclusive minimum    | smartlead_list_leads_by_campaign | {\"campaign_id\":0}                           | campaign_id",
            "integer not decimal  | smartlead_list_leads_by_campaign | {\"campaign_id\":1.5}                         | campaign_id",
            "array item maximum   | smartlead_update_campaign_schedule | {\"campaign_id\":3001,\"days_of_the_week\":[1,9]} | days_of_the_week",
            "nested required      | smartlead_add_leads_to_campaign  | {\"campaign_id\":3001,\"leads\":[{\"first_name\":\"A\"}]} | email",
            "nested object        | smartlead_save_campaign_sequence | {\"campaign_id\":3001,\"sequence\":[{\"seq_number\":1}]} | seq_delay_details",
            "no arguments at all  | smartlead_create_campaign        | null                                          | name",
    })
    void rejectsBadArguments(String kind, String tool, String arguments, String named) {
        JsonNode error = "null".equals(arguments) ? withoutArguments(tool) : client.callError(tool, arguments);
        assertEquals(-32602, error.path("code").asInt(), kind);
        String message = error.path("message").asText();
        assertTrue(message.startsWith("Invalid arguments for tool " + tool + ": "), message);
        assertTrue(message.contains(named), kind + ": message should name " + named + ": " + message);
    }

    private JsonNode withoutArguments(String tool) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        return client.request("tools/call", params).get("error");
    }

    @Test
    void listsEveryProblemAsAnIssue() {
        String message = client.callError("smartlead_get_campaign", "{\"campaign_id\":\"x\",\"extra\":1}")
                .path("message").asText();
        JsonNode issues = InProcessClient.parse(message.substring(message.indexOf('[')));
        assertEquals(2, issues.size(), message);
        assertEquals("[\"campaign_id\"]", Json.compact(issues.get(0).get("path")));
        assertEquals("[\"extra\"]", Json.compact(issues.get(1).get("path")));
    }

    @Test
    void unknownToolIsInvalidParams() {
        JsonNode error = client.callError("smartlead_launch_rockets", "{}");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("Tool smartlead_launch_rockets not found", error.path("message").asText());
    }

    @Test
    void argumentsThatAreNotAnObjectAreInvalidParams() {
        JsonNode error = client.callError("smartlead_get_campaign", "[3001]");
        assertEquals(-32602, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("smartlead_get_campaign"));
    }

    @Test
    void missingToolNameIsInvalidParams() {
        JsonNode error = client.request("tools/call", Json.object()).get("error");
        assertEquals(-32602, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("name"));
    }

    @Test
    void theRetriggerToolAcceptsItsWholeSchemaAndRejectsTheRest() {
        JsonNode none = client.call("smartlead_retrigger_failed_events", "{}");
        assertTrue(none.path("ok").asBoolean());
        JsonNode all = client.call("smartlead_retrigger_failed_events",
                "{\"webhook_id\":401,\"campaign_id\":3001,\"start_date\":\"2025-05-01\",\"end_date\":\"2025-05-31\"}");
        assertEquals(401, all.path("webhook_id").asLong());
        assertEquals(1, all.path("webhooks").asInt());
        assertEquals(-32602, client.callError("smartlead_retrigger_failed_events", "{\"webhook_id\":-1}").path("code").asInt());
        assertEquals(-32602, client.callError("smartlead_retrigger_failed_events", "{\"all\":true}").path("code").asInt());
        assertTrue(client.callFailing("smartlead_retrigger_failed_events", "{\"webhook_id\":999}").contains("999"));
    }
}
