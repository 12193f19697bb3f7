package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.ApiFailure;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;

/** Campaign webhooks, their delivery summary and retriggering of failed deliveries. */
final class WebhookTools implements ToolModule {

    private final FakeAccount account;

    WebhookTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_get_webhooks_by_campaign_id", this::ofCampaign)
                .on("smartlead_add_or_update_campaign_webhook", this::upsert)
                .on("smartlead_delete_campaign_webhook", this::delete)
                .on("smartlead_get_webhooks_publish_summary", this::publishSummary)
                .on("smartlead_retrigger_failed_events", this::retrigger);
    }

    private JsonNode ofCampaign(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        return Results.array(account.webhooks().ofCampaign(campaignId));
    }

    private JsonNode upsert(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        ObjectNode webhook = account.webhooks().upsert(campaignId, args.text("webhook_url"), args.texts("events"),
                args.boolOr("is_active", true));
        ObjectNode result = Results.ok();
        result.put("id", webhook.path("id").asLong());
        result.set("webhook", webhook);
        return result;
    }

    private JsonNode delete(ToolArguments args) {
        account.campaigns().require(args.id("campaign_id"));
        account.webhooks().delete(args.id("campaign_id"), args.id("webhook_id"));
        return Results.ok("Webhook deleted");
    }

    private List<ObjectNode> scope(ToolArguments args) {
        if (args.has("campaign_id")) {
            long campaignId = args.id("campaign_id");
            account.campaigns().require(campaignId);
            return account.webhooks().ofCampaign(campaignId);
        }
        return account.webhooks().all();
    }

    private JsonNode publishSummary(ToolArguments args) {
        List<ObjectNode> webhooks = scope(args);
        String period = args.optionalText("start_date").orElse("") + args.optionalText("end_date").orElse("");
        ObjectNode result = Json.object();
        args.optionalText("start_date").ifPresent(v -> result.put("start_date", v));
        args.optionalText("end_date").ifPresent(v -> result.put("end_date", v));
        long total = 0;
        long failed = 0;
        for (ObjectNode webhook : webhooks) {
            String key = webhook.path("id").asText() + period;
            total += Figures.between(key + "total", 20, 200);
            failed += Figures.between(key + "failed", 0, 5);
        }
        result.put("webhook_count", webhooks.size());
        result.put("total_events", total);
        result.put("delivered_events", total - failed);
        result.put("failed_events", failed);
        return result;
    }

    /** Needs no arguments at all; a named webhook or campaign must exist and belong together. */
    private JsonNode retrigger(ToolArguments args) {
        List<ObjectNode> webhooks = scope(args);
        if (args.has("webhook_id")) {
            ObjectNode webhook = account.webhooks().require(args.id("webhook_id"));
            if (args.has("campaign_id") && webhook.path("campaign_id").asLong() != args.id("campaign_id")) {
                throw new ApiFailure(400, "Webhook " + args.id("webhook_id") + " does not belong to campaign "
                        + args.id("campaign_id"));
            }
            webhooks = List.of(webhook);
        }
        String period = args.optionalText("start_date").orElse("") + args.optionalText("end_date").orElse("");
        long retriggered = webhooks.stream()
                .mapToLong(w -> Figures.between(w.path("id").asText() + period + "failed", 0, 5)).sum();
        ObjectNode result = Results.ok("Failed webhook events queued for retrigger");
        result.put("retriggered_events", retriggered);
        result.put("webhooks", webhooks.size());
        args.optionalId("webhook_id").ifPresent(v -> result.put("webhook_id", v));
        args.optionalId("campaign_id").ifPresent(v -> result.put("campaign_id", v));
        args.optionalText("start_date").ifPresent(v -> result.put("start_date", v));
        args.optionalText("end_date").ifPresent(v -> result.put("end_date", v));
        return result;
    }
}
