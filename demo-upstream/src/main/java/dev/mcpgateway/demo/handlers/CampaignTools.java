package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.ApiFailure;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Campaign management: create, configure, run, inspect and delete campaigns. */
final class CampaignTools implements ToolModule {

    /** update_campaign_status speaks in commands; the campaign record holds states. */
    private static final Map<String, String> STATUS_COMMANDS = Map.of("START", "ACTIVE", "PAUSED", "PAUSED",
            "STOPPED", "STOPPED");

    private final FakeAccount account;
    private final CampaignFigures figures;

    CampaignTools(FakeAccount account, CampaignFigures figures) {
        this.account = account;
        this.figures = figures;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_create_campaign", this::create)
                .on("smartlead_update_campaign_schedule", this::updateSchedule)
                .on("smartlead_update_campaign_settings", this::updateSettings)
                .on("smartlead_update_campaign_status", this::updateStatus)
                .on("smartlead_get_campaign", args -> account.campaigns().require(args.id("campaign_id")))
                .on("smartlead_list_campaigns", this::list)
                .on("smartlead_save_campaign_sequence", this::saveSequence)
                .on("smartlead_get_campaign_sequence", args -> account.campaigns().sequence(args.id("campaign_id")))
                .on("smartlead_get_campaigns_with_analytics", this::withAnalytics)
                .on("smartlead_delete_campaign", this::delete)
                .on("smartlead_export_campaign_data", this::export)
                .on("smartlead_fetch_campaign_analytics_by_date_range", this::analyticsByDateRange)
                .on("smartlead_get_campaign_sequence_analytics", this::sequenceAnalytics)
                .on("smartlead_fetch_all_campaigns_using_lead_id", this::campaignsOfLead);
    }

    private JsonNode create(ToolArguments args) {
        Long clientId = args.optionalId("client_id").orElse(null);
        if (clientId != null) {
            account.clients().require(clientId);
        }
        ObjectNode campaign = account.campaigns().create(args.text("name"), clientId);
        ObjectNode result = Results.ok();
        result.put("id", campaign.path("id").asLong());
        result.put("name", campaign.path("name").asText());
        result.put("created_at", campaign.path("created_at").asText());
        return result;
    }

    private JsonNode updateSchedule(ToolArguments args) {
        ObjectNode campaign = account.campaigns().require(args.id("campaign_id"));
        ObjectNode schedule = Json.object();
        schedule.put("tz", args.optionalText("timezone").orElse("America/New_York"));
        schedule.set("days", args.has("days_of_the_week") ? args.node("days_of_the_week") : Json.MAPPER.valueToTree(List.of(1, 2, 3, 4, 5)));
        schedule.put("startHour", args.optionalText("start_hour").orElse("09:00"));
        schedule.put("endHour", args.optionalText("end_hour").orElse("18:00"));
        campaign.set("scheduler_cron_value", schedule);
        args.optionalId("min_time_btw_emails").ifPresent(v -> campaign.put("min_time_btwn_emails", v));
        args.optionalId("max_new_leads_per_day").ifPresent(v -> campaign.put("max_leads_per_day", v));
        args.optionalText("schedule_start_time").ifPresent(v -> campaign.put("schedule_start_time", v));
        account.campaigns().touch(campaign);
        return Results.ok();
    }

    private JsonNode updateSettings(ToolArguments args) {
        ObjectNode campaign = account.campaigns().require(args.id("campaign_id"));
        args.optionalText("name").ifPresent(name -> campaign.put("name", name));
        args.optionalText("status").ifPresent(status -> campaign.put("status", Results.upper(status)));
        if (args.has("settings")) {
            ((ObjectNode) campaign.get("settings")).setAll((ObjectNode) args.node("settings"));
        }
        account.campaigns().touch(campaign);
        return Results.ok();
    }

    private JsonNode updateStatus(ToolArguments args) {
        long id = args.id("campaign_id");
        String status = STATUS_COMMANDS.get(args.text("status"));
        ObjectNode campaign = account.campaigns().require(id);
        if ("STOPPED".equals(campaign.path("status").asText()) && "ACTIVE".equals(status)) {
            throw new ApiFailure(400, "Campaign " + id + " is stopped and cannot be started again");
        }
        account.campaigns().setStatus(id, status);
        ObjectNode result = Results.ok();
        result.put("status", status);
        return result;
    }

    private JsonNode list(ToolArguments args) {
        String status = args.optionalText("status").map(Results::upper).orElse(null);
        List<ObjectNode> campaigns = account.campaigns().all().stream()
                .filter(c -> status == null || status.equals(c.path("status").asText()))
                .toList();
        return Results.page(campaigns, args.intOr("offset", 0), args.intOr("limit", 100));
    }

    private JsonNode saveSequence(ToolArguments args) {
        ArrayNode saved = account.campaigns().saveSequence(args.id("campaign_id"), args.node("sequence"));
        ObjectNode result = Results.ok("Sequence saved");
        result.put("steps", saved.size());
        return result;
    }

    private JsonNode withAnalytics(ToolArguments args) {
        String client = args.optionalText("client_id").orElse(null);
        String status = args.optionalText("status").map(s -> "DRAFT".equals(s) ? "DRAFTED" : s).orElse(null);
        ArrayNode rows = Json.array();
        for (ObjectNode campaign : account.campaigns().all()) {
            boolean clientMatches = client == null || client.equals(campaign.path("client_id").asText());
            boolean statusMatches = status == null || status.equals(campaign.path("status").asText());
            if (clientMatches && statusMatches) {
                ObjectNode row = rows.addObject();
                row.put("id", campaign.path("id").asLong());
                row.put("name", campaign.path("name").asText());
                row.put("status", campaign.path("status").asText());
                row.set("client_id", campaign.get("client_id"));
                row.setAll(figures.totals(campaign.path("id").asLong(), "all-time"));
            }
        }
        return rows;
    }

    private JsonNode delete(ToolArguments args) {
        long id = args.id("campaign_id");
        account.campaigns().delete(id);
        account.leads().forgetCampaign(id);
        account.emailAccounts().forgetCampaign(id);
        account.webhooks().forgetCampaign(id);
        return Results.ok("Campaign " + id + " deleted");
    }

    private JsonNode export(ToolArguments args) {
        long id = args.id("campaign_id");
        account.campaigns().require(id);
        String format = args.optionalText("format").orElse("csv");
        List<ObjectNode> rows = account.leads().mappingsOfCampaign(id).stream().map(m -> {
            ObjectNode lead = account.leads().require(m.path("lead_id").asLong());
            ObjectNode row = Json.object();
            row.put("id", lead.path("id").asLong());
            row.put("email", lead.path("email").asText());
            row.put("first_name", lead.path("first_name").asText(""));
            row.put("last_name", lead.path("last_name").asText(""));
            row.put("company_name", lead.path("company_name").asText(""));
            row.put("status", m.path("status").asText());
            row.put("category", m.path("lead_category").asText(""));
            return row;
        }).toList();
        ObjectNode result = Results.ok();
        result.put("campaign_id", id);
        result.put("format", format);
        result.put("row_count", rows.size());
        if ("json".equals(format)) {
            result.set("data", Results.array(rows));
        } else {
            String header = "id,email,first_name,last_name,company_name,status,category";
            String body = rows.stream().map(r -> String.join(",", r.path("id").asText(),
                    r.path("email").asText(), r.path("first_name").asText(), r.path("last_name").asText(),
                    r.path("company_name").asText(), r.path("status").asText(), r.path("category").asText()))
                    .collect(Collectors.joining("\n"));
            result.put("data", rows.isEmpty() ? header : header + "\n" + body);
        }
        return result;
    }

    private JsonNode analyticsByDateRange(ToolArguments args) {
        long id = args.id("campaign_id");
        account.campaigns().require(id);
        ObjectNode result = Json.object();
        result.put("campaign_id", id);
        result.put("start_date", args.text("start_date"));
        result.put("end_date", args.text("end_date"));
        result.put("timezone", args.optionalText("timezone").orElse("UTC"));
        result.setAll(figures.totals(id, args.text("start_date") + args.text("end_date")));
        return result;
    }

    private JsonNode sequenceAnalytics(ToolArguments args) {
        long id = args.id("campaign_id");
        ArrayNode steps = account.campaigns().sequence(id);
        ArrayNode rows = Json.array();
        int stepNumber = 0;
        for (JsonNode step : steps) {
            stepNumber++;
            ObjectNode row = rows.addObject();
            row.put("email_campaign_seq_id", step.path("id").asLong());
            row.put("seq_number", step.path("seq_number").asInt(stepNumber));
            row.setAll(figures.totals(id, "seq" + stepNumber + args.optionalText("start_date").orElse("")));
        }
        return rows;
    }

    private JsonNode campaignsOfLead(ToolArguments args) {
        long leadId = args.id("lead_id");
        account.leads().require(leadId);
        ArrayNode rows = Json.array();
        for (ObjectNode mapping : account.leads().mappingsOfLead(leadId)) {
            account.campaigns().all().stream()
                    .filter(c -> c.path("id").asLong() == mapping.path("campaign_id").asLong())
                    .findFirst()
                    .ifPresent(c -> {
                        ObjectNode row = rows.addObject();
                        row.put("id", c.path("id").asLong());
                        row.put("name", c.path("name").asText());
                        row.put("status", c.path("status").asText());
                        row.put("lead_status", mapping.path("status").asText());
                    });
        }
        return rows;
    }
}
