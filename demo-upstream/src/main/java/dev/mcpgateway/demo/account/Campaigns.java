package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Campaigns with their schedule, settings and saved email sequence. */
public final class Campaigns {

    public static final String DRAFTED = "DRAFTED";

    private final EntityTable campaigns = new EntityTable("Campaign", 3001);
    private final Map<Long, ArrayNode> sequences = new HashMap<>();
    private final FakeClock clock;

    Campaigns(FakeClock clock) {
        this.clock = clock;
    }

    public ObjectNode create(String name, Long clientId) {
        String now = clock.now();
        return campaigns.insert(row -> {
            row.put("user_id", FakeAccount.USER_ID);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("status", DRAFTED);
            row.put("name", name);
            row.set("track_settings", Json.array());
            row.putNull("scheduler_cron_value");
            row.put("min_time_btwn_emails", 10);
            row.put("max_leads_per_day", 20);
            row.put("stop_lead_settings", "REPLY_TO_AN_EMAIL");
            row.putNull("schedule_start_time");
            row.put("enable_ai_esp_matching", false);
            row.put("send_as_plain_text", false);
            row.put("follow_up_percentage", 100);
            row.put("unsubscribe_text", "");
            row.set("settings", Json.object());
            row.putNull("parent_campaign_id");
            if (clientId == null) {
                row.putNull("client_id");
            } else {
                row.put("client_id", clientId);
            }
        });
    }

    public ObjectNode require(long id) {
        return campaigns.require(id);
    }

    public java.util.Optional<ObjectNode> find(long id) {
        return campaigns.find(id);
    }

    public List<ObjectNode> all() {
        return campaigns.all();
    }

    public ObjectNode touch(ObjectNode campaign) {
        campaign.put("updated_at", clock.now());
        return campaign;
    }

    public ObjectNode setStatus(long id, String status) {
        ObjectNode campaign = require(id);
        campaign.put("status", status);
        return touch(campaign);
    }

    public void delete(long id) {
        campaigns.remove(id);
        sequences.remove(id);
    }

    /** Replaces the whole sequence, as SmartLead's "save sequence" does; steps get ids. */
    public ArrayNode saveSequence(long campaignId, JsonNode steps) {
        touch(require(campaignId));
        ArrayNode saved = Json.array();
        long stepId = campaignId * 100;
        for (JsonNode step : steps) {
            ObjectNode copy = step.deepCopy();
            ObjectNode stored = Json.object();
            stored.put("id", ++stepId);
            stored.put("email_campaign_id", campaignId);
            stored.setAll(copy);
            saved.add(stored);
        }
        sequences.put(campaignId, saved);
        return saved;
    }

    public ArrayNode sequence(long campaignId) {
        require(campaignId);
        return sequences.getOrDefault(campaignId, Json.array());
    }
}
