package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.ApiFailure;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Leads;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;
import java.util.Locale;

/** Lead management: leads in campaigns, their status, category, blocklist and master-inbox replies. */
final class LeadTools implements ToolModule {

    private final FakeAccount account;

    LeadTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_list_leads_by_campaign", this::listByCampaign)
                .on("smartlead_fetch_lead_categories", args -> categories())
                .on("smartlead_fetch_lead_by_email", this::byEmail)
                .on("smartlead_add_leads_to_campaign", this::addToCampaign)
                .on("smartlead_resume_lead_by_campaign", args -> setStatus(args, "INPROGRESS", "Lead resumed"))
                .on("smartlead_pause_lead_by_campaign", args -> setStatus(args, "PAUSED", "Lead paused"))
                .on("smartlead_delete_lead_by_campaign", this::deleteFromCampaign)
                .on("smartlead_unsubscribe_lead_from_campaign", args -> setStatus(args, "UNSUBSCRIBED", "Lead unsubscribed from campaign"))
                .on("smartlead_unsubscribe_lead_from_all_campaigns", this::unsubscribeEverywhere)
                .on("smartlead_add_lead_to_global_blocklist", this::block)
                .on("smartlead_fetch_all_leads_from_account", this::allLeads)
                .on("smartlead_fetch_leads_from_global_blocklist", this::blocklist)
                .on("smartlead_update_lead_by_id", this::update)
                .on("smartlead_update_lead_category", this::categorise)
                .on("smartlead_fetch_lead_message_history", this::history)
                .on("smartlead_reply_to_lead_from_master_inbox", this::reply)
                .on("smartlead_forward_reply", this::forward);
    }

    private JsonNode listByCampaign(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        String status = args.optionalText("status").map(Results::upper).orElse(null);
        String search = args.optionalText("search").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        List<ObjectNode> rows = account.leads().mappingsOfCampaign(campaignId).stream()
                .filter(m -> status == null || status.equals(m.path("status").asText()))
                .map(this::withLead)
                .filter(row -> search == null || matches(row.path("lead"), search))
                .toList();
        int offset = args.intOr("offset", 0);
        int limit = args.intOr("limit", 100);
        ObjectNode result = Json.object();
        result.put("total_leads", String.valueOf(rows.size()));
        result.put("offset", offset);
        result.put("limit", limit);
        result.set("data", Results.page(rows, offset, limit));
        return result;
    }

    private ObjectNode withLead(ObjectNode mapping) {
        ObjectNode row = Json.object();
        row.put("campaign_lead_map_id", mapping.path("id").asLong());
        row.set("lead_category_id", mapping.get("lead_category_id"));
        row.put("status", mapping.path("status").asText());
        row.put("created_at", mapping.path("created_at").asText());
        row.set("lead", account.leads().require(mapping.path("lead_id").asLong()));
        return row;
    }

    private static boolean matches(JsonNode lead, String search) {
        return List.of("email", "first_name", "last_name", "company_name").stream()
                .anyMatch(f -> lead.path(f).asText("").toLowerCase(Locale.ROOT).contains(search));
    }

    private static JsonNode categories() {
        ArrayNode rows = Json.array();
        for (int i = 0; i < Leads.CATEGORIES.size(); i++) {
            ObjectNode row = rows.addObject();
            row.put("id", i + 1);
            row.put("name", Leads.CATEGORIES.get(i));
            row.put("created_at", "2023-01-01T00:00:00.000Z");
        }
        return rows;
    }

    private JsonNode byEmail(ToolArguments args) {
        String email = args.text("email");
        ObjectNode lead = account.leads().byEmail(email)
                .orElseThrow(() -> new ApiFailure(404, "No lead with email " + email));
        ObjectNode result = lead.deepCopy();
        ArrayNode campaigns = result.putArray("lead_campaign_data");
        for (ObjectNode mapping : account.leads().mappingsOfLead(lead.path("id").asLong())) {
            ObjectNode row = campaigns.addObject();
            row.put("campaign_id", mapping.path("campaign_id").asLong());
            row.put("campaign_lead_map_id", mapping.path("id").asLong());
            row.put("lead_status", mapping.path("status").asText());
        }
        return result;
    }

    private JsonNode addToCampaign(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        if (args.node("leads").size() > 100) {
            throw new ApiFailure(400, "At most 100 leads can be added per request");
        }
        Leads.AddOutcome outcome = account.leads().addToCampaign(campaignId, args.node("leads"));
        ObjectNode result = Results.ok();
        result.put("upload_count", outcome.uploaded());
        result.put("total_leads", args.node("leads").size());
        result.put("already_added_to_campaign", outcome.alreadyInCampaign());
        result.put("duplicate_count", outcome.duplicates());
        result.put("invalid_email_count", 0);
        result.put("unsubscribed_leads", 0);
        result.put("block_count", outcome.blocked());
        return result;
    }

    private JsonNode setStatus(ToolArguments args, String status, String message) {
        account.campaigns().require(args.id("campaign_id"));
        account.leads().setStatus(args.id("campaign_id"), args.id("lead_id"), status);
        return Results.ok(message);
    }

    private JsonNode deleteFromCampaign(ToolArguments args) {
        account.campaigns().require(args.id("campaign_id"));
        account.leads().removeFromCampaign(args.id("campaign_id"), args.id("lead_id"));
        return Results.ok("Lead deleted from campaign");
    }

    private JsonNode unsubscribeEverywhere(ToolArguments args) {
        int campaigns = account.leads().unsubscribeEverywhere(args.id("lead_id"));
        ObjectNode result = Results.ok("Lead unsubscribed from all campaigns");
        result.put("campaigns_affected", campaigns);
        return result;
    }

    private JsonNode block(ToolArguments args) {
        boolean added = account.leads().block(args.text("email"));
        return Results.ok(added ? "Added to global blocklist" : "Already in global blocklist");
    }

    private JsonNode allLeads(ToolArguments args) {
        ObjectNode result = Json.object();
        List<ObjectNode> leads = account.leads().all();
        result.put("total_leads", leads.size());
        result.set("data", Results.array(leads));
        return result;
    }

    private JsonNode blocklist(ToolArguments args) {
        ArrayNode rows = Json.array();
        account.leads().blocklist().forEach(entry -> rows.addObject().put("email_or_domain", entry));
        return rows;
    }

    private JsonNode update(ToolArguments args) {
        ObjectNode lead = account.leads().require(args.id("lead_id"));
        account.leads().merge(lead, args.raw());
        return Results.ok("Lead updated");
    }

    private JsonNode categorise(ToolArguments args) {
        account.campaigns().require(args.id("campaign_id"));
        account.leads().categorise(args.id("campaign_id"), args.id("lead_id"), args.text("category"));
        return Results.ok("Lead category updated");
    }

    private JsonNode history(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        ObjectNode result = Json.object();
        result.set("history", account.leads().history(campaignId, args.id("lead_id")));
        result.put("from", FakeAccount.SENDER);
        result.put("to", account.leads().require(args.id("lead_id")).path("email").asText());
        return result;
    }

    private JsonNode reply(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        String to = account.leads().require(args.id("lead_id")).path("email").asText();
        ObjectNode message = account.leads().recordMessage(campaignId, args.id("lead_id"), "SENT",
                args.optionalText("subject").orElse("Re: your reply"), args.text("message"), to);
        ObjectNode result = Results.ok("Reply sent");
        result.put("message_id", message.path("message_id").asText());
        return result;
    }

    private JsonNode forward(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        ObjectNode message = account.leads().recordMessage(campaignId, args.id("lead_id"), "FORWARDED",
                "Fwd: lead reply", args.optionalText("message").orElse(""), args.text("forward_to"));
        ObjectNode result = Results.ok("Reply forwarded to " + args.text("forward_to"));
        result.put("message_id", message.path("message_id").asText());
        return result;
    }
}
