package dev.mcpgateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls chain through the in-memory account, as they would against a real SmartLead account. */
class AccountChainingTest {

    private final InProcessClient client = new InProcessClient(false);

    @Test
    void campaignAndLeadLifecycle() {
        long clientId = client.call("smartlead_create_client", "{\"name\":\"Globex\",\"email\":\"ops@globex.example\"}")
                .path("clientId").asLong();
        JsonNode created = client.call("smartlead_create_campaign", "{\"name\":\"Spring push\",\"client_id\":" + clientId + "}");
        long id = created.path("id").asLong();
        assertTrue(created.path("ok").asBoolean());

        JsonNode campaign = client.call("smartlead_get_campaign", "{\"campaign_id\":" + id + "}");
        assertEquals("Spring push", campaign.path("name").asText());
        assertEquals("DRAFTED", campaign.path("status").asText());
        assertEquals(clientId, campaign.path("client_id").asLong());
        assertEquals(id, client.call("smartlead_list_campaigns", "{}").path(0).path("id").asLong());

        JsonNode added = client.call("smartlead_add_leads_to_campaign", "{\"campaign_id\":" + id + ",\"leads\":["
                + "{\"email\":\"ann@initech.example\",\"first_name\":\"Ann\",\"company\":\"Initech\"},"
                + "{\"email\":\"bob@initech.example\"},{\"email\":\"bob@initech.example\"}]}");
        assertEquals(2, added.path("upload_count").asInt());
        assertEquals(1, added.path("duplicate_count").asInt());

        JsonNode leads = client.call("smartlead_list_leads_by_campaign", "{\"campaign_id\":" + id + "}");
        assertEquals("2", leads.path("total_leads").asText());
        JsonNode ann = leads.path("data").path(0).path("lead");
        assertEquals("ann@initech.example", ann.path("email").asText());
        assertEquals("Initech", ann.path("company_name").asText());
        long annId = ann.path("id").asLong();

        client.call("smartlead_pause_lead_by_campaign", "{\"campaign_id\":" + id + ",\"lead_id\":" + annId + "}");
        JsonNode paused = client.call("smartlead_list_leads_by_campaign", "{\"campaign_id\":" + id + ",\"status\":\"paused\"}");
        assertEquals("1", paused.path("total_leads").asText());
        assertEquals(annId, paused.path("data").path(0).path("lead").path("id").asLong());

        client.call("smartlead_update_lead_category", "{\"campaign_id\":" + id + ",\"lead_id\":" + annId + ",\"category\":\"Interested\"}");
        client.call("smartlead_reply_to_lead_from_master_inbox", "{\"campaign_id\":" + id + ",\"lead_id\":" + annId
                + ",\"message\":\"Thanks Ann\"}");
        assertEquals("Thanks Ann", client.call("smartlead_fetch_lead_message_history",
                "{\"campaign_id\":" + id + ",\"lead_id\":" + annId + "}").path("history").path(0).path("email_body").asText());
        assertEquals(id, client.call("smartlead_fetch_all_campaigns_using_lead_id", "{\"lead_id\":" + annId + "}")
                .path(0).path("id").asLong());

        client.call("smartlead_update_campaign_status", "{\"campaign_id\":" + id + ",\"status\":\"START\"}");
        assertEquals("ACTIVE", client.call("smartlead_get_campaign", "{\"campaign_id\":" + id + "}").path("status").asText());
        assertEquals(1, client.call("smartlead_list_campaigns", "{\"status\":\"active\"}").size());

        client.call("smartlead_delete_lead_by_campaign", "{\"campaign_id\":" + id + ",\"lead_id\":" + annId + "}");
        assertEquals("1", client.call("smartlead_list_leads_by_campaign", "{\"campaign_id\":" + id + "}").path("total_leads").asText());
        client.callFailing("smartlead_pause_lead_by_campaign", "{\"campaign_id\":" + id + ",\"lead_id\":" + annId + "}");

        client.call("smartlead_delete_campaign", "{\"campaign_id\":" + id + "}");
        assertTrue(client.callFailing("smartlead_get_campaign", "{\"campaign_id\":" + id + "}").contains("Campaign " + id + " not found"));
        assertEquals(0, client.call("smartlead_list_campaigns", "{}").size());
    }

    @Test
    void emailAccountsWebhooksAndStatisticsFollowTheCampaign() {
        long id = client.call("smartlead_create_campaign", "{\"name\":\"Stats\"}").path("id").asLong();
        long mailbox = client.call("smartlead_create_email_account", "{\"email\":\"sam@acme.example\",\"password\":\"p\","
                + "\"smtp_host\":\"smtp.acme.example\",\"smtp_port\":465,\"imap_host\":\"imap.acme.example\",\"imap_port\":993}")
                .path("emailAccountId").asLong();
        client.call("smartlead_add_email_account_to_campaign", "{\"campaign_id\":" + id + ",\"email_account_id\":" + mailbox + "}");
        JsonNode perCampaign = client.call("smartlead_list_email_accounts_per_campaign", "{\"campaign_id\":" + id + "}");
        assertEquals("sam@acme.example", perCampaign.path(0).path("from_email").asText());
        assertTrue(perCampaign.path(0).path("password").isMissingNode(), "passwords are never echoed");
        client.call("smartlead_update_email_account_warmup", "{\"email_account_id\":" + mailbox + ",\"warmup_enabled\":true}");
        assertEquals("ACTIVE", client.call("smartlead_get_email_account_by_id", "{\"email_account_id\":" + mailbox + "}")
                .path("warmup_details").path("status").asText());

        long webhook = client.call("smartlead_add_or_update_campaign_webhook", "{\"campaign_id\":" + id
                + ",\"webhook_url\":\"https://hooks.example/x\",\"events\":[\"EMAIL_REPLY\"]}").path("id").asLong();
        assertEquals(webhook, client.call("smartlead_get_webhooks_by_campaign_id", "{\"campaign_id\":" + id + "}").path(0).path("id").asLong());
        assertTrue(client.call("smartlead_retrigger_failed_events", "{\"webhook_id\":" + webhook + "}").path("ok").asBoolean());
        client.call("smartlead_delete_campaign_webhook", "{\"campaign_id\":" + id + ",\"webhook_id\":" + webhook + "}");
        assertEquals(0, client.call("smartlead_get_webhooks_by_campaign_id", "{\"campaign_id\":" + id + "}").size());

        client.call("smartlead_add_leads_to_campaign", "{\"campaign_id\":" + id + ",\"leads\":[{\"email\":\"a@b.example\"},{\"email\":\"c@d.example\"}]}");
        JsonNode stats = client.call("smartlead_get_campaign_top_level_analytics", "{\"campaign_id\":" + id + "}");
        assertEquals(2, stats.path("total_leads").asLong());
        assertEquals(stats, client.call("smartlead_get_campaign_top_level_analytics", "{\"campaign_id\":" + id + "}"),
                "reports are deterministic");
        assertEquals(2, client.call("smartlead_get_campaign_statistics", "{\"campaign_id\":" + id + "}").path("data").size());
    }

    @Test
    void smartDeliveryTestsFoldersAndKeys() {
        long test = client.call("smartlead_create_automated_placement_test", "{\"test_name\":\"Weekly\",\"email_content\":\"Hi\","
                + "\"subject\":\"Hello\",\"from_email\":\"a@b.example\",\"schedule\":{\"frequency\":\"weekly\",\"time\":\"09:00\"}}")
                .path("test_id").asLong();
        assertEquals("Weekly", client.call("smartlead_get_spam_test_details", "{\"test_id\":" + test + "}").path("test_name").asText());
        assertEquals(test, client.call("smartlead_get_dkim_details", "{\"test_id\":" + test + "}").path("test_id").asLong());
        assertEquals("STOPPED", client.call("smartlead_stop_automated_test", "{\"test_id\":" + test + "}").path("status").asText());
        assertEquals(1, client.call("smartlead_list_all_tests", "{\"status\":\"stopped\"}").path("total").asInt());
        assertTrue(client.callFailing("smartlead_delete_tests_in_bulk", "{\"test_ids\":[" + test + ",999]}").contains("999"));
        client.call("smartlead_delete_tests_in_bulk", "{\"test_ids\":[" + test + "]}");
        client.callFailing("smartlead_get_spf_details", "{\"test_id\":" + test + "}");

        long folder = client.call("smartlead_create_folder", "{\"name\":\"Q3\"}").path("folder_id").asLong();
        assertEquals("Q3", client.call("smartlead_get_folder_by_id", "{\"folder_id\":" + folder + "}").path("name").asText());
        client.call("smartlead_delete_folder", "{\"folder_id\":" + folder + "}");
        assertEquals(0, client.call("smartlead_get_all_folders", "{}").size());

        JsonNode key = client.call("smartlead_create_client_api_key", "{\"name\":\"ci\"}");
        String reset = client.call("smartlead_reset_client_api_key", "{\"api_key_id\":" + key.path("id").asLong() + "}")
                .path("api_key").asText();
        assertTrue(!reset.equals(key.path("api_key").asText()), "a reset key is a new key");
        client.call("smartlead_delete_client_api_key", "{\"api_key_id\":" + key.path("id").asLong() + "}");
        assertEquals(0, client.call("smartlead_get_client_api_keys", "{}").size());
    }
}
