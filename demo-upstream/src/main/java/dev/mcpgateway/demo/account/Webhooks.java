package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.List;
import java.util.Optional;

/** Campaign webhooks. SmartLead upserts by URL within a campaign. */
public final class Webhooks {

    private final EntityTable webhooks = new EntityTable("Webhook", 401);
    private final FakeClock clock;

    Webhooks(FakeClock clock) {
        this.clock = clock;
    }

    public ObjectNode upsert(long campaignId, String url, List<String> events, boolean active) {
        Optional<ObjectNode> existing = ofCampaign(campaignId).stream()
                .filter(w -> w.path("webhook_url").asText().equals(url)).findFirst();
        ObjectNode webhook = existing.orElseGet(() -> webhooks.insert(row -> {
            row.put("campaign_id", campaignId);
            row.put("name", "Webhook for campaign " + campaignId);
            row.put("webhook_url", url);
            row.put("created_at", clock.now());
        }));
        webhook.set("event_types", Json.MAPPER.valueToTree(events));
        webhook.put("is_active", active);
        webhook.put("updated_at", clock.now());
        return webhook;
    }

    public ObjectNode require(long id) {
        return webhooks.require(id);
    }

    public List<ObjectNode> ofCampaign(long campaignId) {
        return webhooks.all().stream().filter(w -> w.path("campaign_id").asLong() == campaignId).toList();
    }

    public List<ObjectNode> all() {
        return webhooks.all();
    }

    public void delete(long campaignId, long webhookId) {
        ObjectNode webhook = require(webhookId);
        if (webhook.path("campaign_id").asLong() != campaignId) {
            throw new ApiFailure(404, "Webhook " + webhookId + " does not belong to campaign " + campaignId);
        }
        webhooks.remove(webhookId);
    }

    public void forgetCampaign(long campaignId) {
        ofCampaign(campaignId).forEach(w -> webhooks.remove(w.path("id").asLong()));
    }
}
