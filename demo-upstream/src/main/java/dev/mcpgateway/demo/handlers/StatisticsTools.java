package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.time.LocalDate;

/** Per-campaign and per-mailbox statistics, computed from the account's real leads and mailboxes. */
final class StatisticsTools implements ToolModule {

    private final FakeAccount account;
    private final CampaignFigures figures;

    StatisticsTools(FakeAccount account, CampaignFigures figures) {
        this.account = account;
        this.figures = figures;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_get_campaign_statistics", this::perLead)
                .on("smartlead_get_campaign_statistics_by_date_range", this::byDateRange)
                .on("smartlead_get_warmup_stats_by_email_account_id", this::warmup)
                .on("smartlead_get_campaign_top_level_analytics", args -> topLevel(args, "all-time"))
                .on("smartlead_get_campaign_top_level_analytics_by_date_range",
                        args -> topLevel(args, args.text("start_date") + args.text("end_date")))
                .on("smartlead_get_campaign_lead_statistics", this::leadStatistics)
                .on("smartlead_get_campaign_mailbox_statistics", this::mailboxStatistics)
                .on("smartlead_download_campaign_data", this::download)
                .on("smartlead_view_download_statistics", this::downloadStatistics);
    }

    private long campaign(ToolArguments args) {
        long id = args.id("campaign_id");
        account.campaigns().require(id);
        return id;
    }

    private JsonNode perLead(ToolArguments args) {
        long id = campaign(args);
        ArrayNode rows = Json.array();
        for (ObjectNode mapping : account.leads().mappingsOfCampaign(id)) {
            ObjectNode lead = account.leads().require(mapping.path("lead_id").asLong());
            String key = id + ":" + lead.path("id").asText();
            ObjectNode row = rows.addObject();
            row.put("lead_name", (lead.path("first_name").asText("") + " " + lead.path("last_name").asText("")).trim());
            row.put("lead_email", lead.path("email").asText());
            row.put("sequence_number", 1);
            row.put("sent_time", mapping.path("created_at").asText());
            row.put("open_count", Figures.between(key + "open", 0, 3));
            row.put("click_count", Figures.between(key + "click", 0, 1));
            row.put("is_unsubscribed", lead.path("is_unsubscribed").asBoolean());
            row.put("is_bounced", false);
        }
        ObjectNode result = Json.object();
        result.put("total_stats", String.valueOf(rows.size()));
        result.set("data", rows);
        return result;
    }

    private JsonNode byDateRange(ToolArguments args) {
        long id = campaign(args);
        ObjectNode result = Json.object();
        result.put("campaign_id", id);
        result.put("start_date", args.text("start_date"));
        result.put("end_date", args.text("end_date"));
        result.setAll(figures.totals(id, args.text("start_date") + args.text("end_date")));
        return result;
    }

    private JsonNode topLevel(ToolArguments args, String period) {
        long id = campaign(args);
        ObjectNode campaign = account.campaigns().require(id);
        ObjectNode result = Json.object();
        result.put("id", id);
        result.put("name", campaign.path("name").asText());
        result.put("status", campaign.path("status").asText());
        result.put("created_at", campaign.path("created_at").asText());
        result.setAll(figures.totals(id, period));
        return result;
    }

    private JsonNode leadStatistics(ToolArguments args) {
        long id = campaign(args);
        ObjectNode byStatus = Json.object();
        for (ObjectNode mapping : account.leads().mappingsOfCampaign(id)) {
            String status = mapping.path("status").asText();
            byStatus.put(status, byStatus.path(status).asInt() + 1);
        }
        ObjectNode result = Json.object();
        result.put("campaign_id", id);
        result.put("total", figures.leadCount(id));
        result.set("by_status", byStatus);
        return result;
    }

    private JsonNode mailboxStatistics(ToolArguments args) {
        long id = campaign(args);
        long leads = figures.leadCount(id);
        ArrayNode rows = Json.array();
        var mailboxes = account.emailAccounts().ofCampaign(id);
        for (ObjectNode mailbox : mailboxes) {
            String key = id + ":" + mailbox.path("id").asText();
            long sent = leads / Math.max(1, mailboxes.size());
            ObjectNode row = rows.addObject();
            row.put("email_account_id", mailbox.path("id").asLong());
            row.put("from_email", mailbox.path("from_email").asText());
            row.put("sent_count", sent);
            row.put("open_count", Figures.share(key + "open", sent, 30, 60));
            row.put("reply_count", Figures.share(key + "reply", sent, 2, 12));
            row.put("bounce_count", Figures.share(key + "bounce", sent, 0, 3));
        }
        return rows;
    }

    private JsonNode warmup(ToolArguments args) {
        ObjectNode mailbox = account.emailAccounts().require(args.id("email_account_id"));
        String key = "warmup:" + mailbox.path("id").asText();
        boolean active = "ACTIVE".equals(mailbox.path("warmup_details").path("status").asText());
        ArrayNode days = Json.array();
        LocalDate today = account.clock().today();
        long sentTotal = 0;
        long spamTotal = 0;
        for (int i = 6; i >= 0; i--) {
            long sent = active ? Figures.between(key + i, 10, 40) : 0;
            long spam = active ? Figures.between(key + "spam" + i, 0, 1) : 0;
            sentTotal += sent;
            spamTotal += spam;
            ObjectNode day = days.addObject();
            day.put("date", today.minusDays(i).toString());
            day.put("sent", sent);
            day.put("spam", spam);
        }
        ObjectNode result = Json.object();
        result.put("email_account_id", mailbox.path("id").asLong());
        result.put("sent_count", sentTotal);
        result.put("spam_count", spamTotal);
        result.put("inbox_count", sentTotal - spamTotal);
        result.put("warmup_email_received_count", sentTotal);
        result.set("stats_by_date", days);
        return result;
    }

    private JsonNode download(ToolArguments args) {
        long id = campaign(args);
        ObjectNode result = Results.ok();
        result.put("campaign_id", id);
        result.put("download_type", args.text("download_type"));
        result.put("format", args.optionalText("format").orElse("json"));
        result.put("download_url", "https://demo.smartlead.invalid/downloads/" + id + "/" + args.text("download_type"));
        result.put("record_count", figures.leadCount(id));
        return result;
    }

    private JsonNode downloadStatistics(ToolArguments args) {
        ObjectNode result = Json.object();
        String period = args.optionalText("time_period").orElse("30d");
        result.put("time_period", period);
        result.put("group_by", args.optionalText("group_by").orElse("type"));
        result.put("total_downloads", Figures.between("downloads" + period, 3, 40));
        ObjectNode byType = result.putObject("by_type");
        for (String type : new String[] {"analytics", "leads", "sequences", "full", "summary"}) {
            byType.put(type, Figures.between("downloads" + period + type, 0, 10));
        }
        return result;
    }
}
