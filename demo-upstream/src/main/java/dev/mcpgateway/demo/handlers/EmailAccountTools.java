package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;

/** Email accounts: sending mailboxes, their warmup, tags and campaign assignment. */
final class EmailAccountTools implements ToolModule {

    private final FakeAccount account;

    EmailAccountTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_list_email_accounts_per_campaign", this::ofCampaign)
                .on("smartlead_add_email_account_to_campaign", this::addToCampaign)
                .on("smartlead_remove_email_account_from_campaign", this::removeFromCampaign)
                .on("smartlead_get_all_email_accounts", args -> Results.array(account.emailAccounts().all()))
                .on("smartlead_create_email_account", this::create)
                .on("smartlead_update_email_account", this::update)
                .on("smartlead_get_email_account_by_id", args -> account.emailAccounts().require(args.id("email_account_id")))
                .on("smartlead_update_email_account_warmup", this::warmup)
                .on("smartlead_reconnect_failed_email_accounts", this::reconnect)
                .on("smartlead_update_email_account_tag", this::tag);
    }

    private JsonNode ofCampaign(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        account.campaigns().require(campaignId);
        return Results.array(account.emailAccounts().ofCampaign(campaignId));
    }

    private JsonNode addToCampaign(ToolArguments args) {
        long campaignId = args.id("campaign_id");
        long accountId = args.id("email_account_id");
        account.campaigns().require(campaignId);
        account.emailAccounts().link(campaignId, accountId);
        ObjectNode result = Results.ok();
        ObjectNode row = result.putArray("result").addObject();
        row.put("email_campaign_id", campaignId);
        row.put("email_account_id", accountId);
        return result;
    }

    private JsonNode removeFromCampaign(ToolArguments args) {
        account.campaigns().require(args.id("campaign_id"));
        account.emailAccounts().unlink(args.id("campaign_id"), args.id("email_account_id"));
        return Results.ok("Email account removed from campaign");
    }

    private JsonNode create(ToolArguments args) {
        ObjectNode created = account.emailAccounts().create(args.text("email"), args.optionalText("name").orElse(null),
                args.text("smtp_host"), args.intOr("smtp_port", 465), args.text("imap_host"), args.intOr("imap_port", 993));
        ObjectNode result = Results.ok("Email account added successfully!");
        result.put("emailAccountId", created.path("id").asLong());
        return result;
    }

    private JsonNode update(ToolArguments args) {
        ObjectNode mailbox = account.emailAccounts().require(args.id("email_account_id"));
        args.optionalText("email").ifPresent(v -> {
            mailbox.put("from_email", v);
            mailbox.put("username", v);
        });
        args.optionalText("name").ifPresent(v -> mailbox.put("from_name", v));
        args.optionalText("smtp_host").ifPresent(v -> mailbox.put("smtp_host", v));
        args.optionalText("imap_host").ifPresent(v -> mailbox.put("imap_host", v));
        args.optionalId("smtp_port").ifPresent(v -> mailbox.put("smtp_port", v));
        args.optionalId("imap_port").ifPresent(v -> mailbox.put("imap_port", v));
        account.emailAccounts().touch(mailbox);
        return Results.ok("Email account updated");
    }

    private JsonNode warmup(ToolArguments args) {
        ObjectNode mailbox = account.emailAccounts().require(args.id("email_account_id"));
        ObjectNode warmup = (ObjectNode) mailbox.get("warmup_details");
        warmup.put("status", args.boolOr("warmup_enabled", false) ? "ACTIVE" : "INACTIVE");
        args.optionalId("daily_ramp_up").ifPresent(v -> warmup.put("daily_ramp_up", v));
        if (args.has("reply_rate_percentage")) {
            warmup.set("reply_rate_percentage", args.node("reply_rate_percentage"));
        }
        if (args.has("warmup_reputation")) {
            warmup.put("warmup_reputation", args.node("warmup_reputation").asText() + "%");
        }
        account.emailAccounts().touch(mailbox);
        ObjectNode result = Results.ok("Warmup settings updated");
        result.set("warmup_details", warmup);
        return result;
    }

    private JsonNode reconnect(ToolArguments args) {
        List<Long> ids = args.ids("email_account_ids");
        ids.forEach(account.emailAccounts()::require);
        ObjectNode result = Results.ok("Reconnection queued for " + ids.size() + " email account(s)");
        ArrayNode queued = result.putArray("queued_email_account_ids");
        ids.forEach(queued::add);
        return result;
    }

    private JsonNode tag(ToolArguments args) {
        ObjectNode mailbox = account.emailAccounts().require(args.id("email_account_id"));
        ArrayNode tags = (ArrayNode) mailbox.get("tags");
        String tag = args.text("tag");
        boolean present = false;
        for (JsonNode existing : tags) {
            present |= existing.asText().equals(tag);
        }
        if (!present) {
            tags.add(tag);
        }
        account.emailAccounts().touch(mailbox);
        ObjectNode result = Results.ok("Tag added");
        result.set("tags", tags);
        return result;
    }
}
