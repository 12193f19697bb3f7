package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Global analytics whose answer names account records. The many date-range dashboards that only
 * report numbers are left to {@link ReadOnlyReport}.
 */
final class AnalyticsTools implements ToolModule {

    private final FakeAccount account;
    private final CampaignFigures figures;

    AnalyticsTools(FakeAccount account, CampaignFigures figures) {
        this.account = account;
        this.figures = figures;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_analytics_campaign_list", this::campaignList)
                .on("smartlead_analytics_client_list", args -> clientList())
                .on("smartlead_analytics_client_month_wise_count", args -> clientMonthWise())
                .on("smartlead_analytics_campaign_status_stats", args -> campaignStatus());
    }

    private JsonNode campaignList(ToolArguments args) {
        Set<String> clients = args.optionalText("client_ids")
                .map(ids -> Arrays.stream(ids.split(",")).map(String::trim).collect(Collectors.toSet()))
                .orElse(null);
        ArrayNode rows = Json.array();
        for (ObjectNode campaign : account.campaigns().all()) {
            if (clients == null || clients.contains(campaign.path("client_id").asText())) {
                ObjectNode row = rows.addObject();
                row.put("id", campaign.path("id").asLong());
                row.put("name", campaign.path("name").asText());
                row.put("status", campaign.path("status").asText());
                row.set("client_id", campaign.get("client_id"));
            }
        }
        ObjectNode result = Json.object();
        result.put("success", true);
        result.set("data", rows);
        return result;
    }

    private JsonNode clientList() {
        ArrayNode rows = Json.array();
        for (ObjectNode client : account.clients().all()) {
            ObjectNode row = rows.addObject();
            row.put("id", client.path("id").asLong());
            row.put("name", client.path("name").asText());
            row.put("email", client.path("email").asText());
        }
        ObjectNode result = Json.object();
        result.put("success", true);
        result.set("data", rows);
        return result;
    }

    private JsonNode clientMonthWise() {
        ObjectNode byMonth = Json.object();
        for (ObjectNode client : account.clients().all()) {
            String month = client.path("created_at").asText().substring(0, 7);
            byMonth.put(month, byMonth.path(month).asInt() + 1);
        }
        ObjectNode result = Json.object();
        result.put("success", true);
        result.set("data", byMonth);
        return result;
    }

    private JsonNode campaignStatus() {
        ObjectNode byStatus = Json.object();
        long leads = 0;
        for (ObjectNode campaign : account.campaigns().all()) {
            String status = campaign.path("status").asText();
            byStatus.put(status, byStatus.path(status).asInt() + 1);
            leads += figures.leadCount(campaign.path("id").asLong());
        }
        ObjectNode result = Json.object();
        result.put("success", true);
        result.set("campaigns_by_status", byStatus);
        result.put("total_leads", leads);
        return result;
    }
}
