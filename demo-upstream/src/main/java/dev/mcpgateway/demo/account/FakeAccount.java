package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.time.Clock;
import java.util.List;

/**
 * One SmartLead account held in memory, split by resource kind. Not thread-safe by itself: the tool
 * caller serialises calls, which keeps multi-record operations (delete a campaign and its leads)
 * consistent without locking in every store.
 */
public final class FakeAccount {

    public static final long USER_ID = 4242;
    public static final String SENDER = "alex@acme-outbound.example";

    private final FakeClock clock;
    private final Clients clients;
    private final Campaigns campaigns;
    private final Leads leads;
    private final EmailAccounts emailAccounts;
    private final Webhooks webhooks;
    private final Deliverability deliverability;
    private final SmartSenders smartSenders;

    public FakeAccount(Clock clock) {
        this.clock = new FakeClock(clock);
        this.clients = new Clients(this.clock);
        this.campaigns = new Campaigns(this.clock);
        this.leads = new Leads(this.clock);
        this.emailAccounts = new EmailAccounts(this.clock);
        this.webhooks = new Webhooks(this.clock);
        this.deliverability = new Deliverability(this.clock);
        this.smartSenders = new SmartSenders(this.clock);
    }

    /** An account with one record of every kind: client, running campaign with leads, mailbox, webhook, test, folder, API key. */
    public static FakeAccount seeded(Clock clock) {
        FakeAccount account = new FakeAccount(clock);
        account.seed();
        return account;
    }

    private void seed() {
        long client = clients.create("Acme Outbound", "ops@acme-outbound.example", false, null).path("id").asLong();
        ObjectNode campaign = campaigns.create("Q3 founders outreach", client);
        long campaignId = campaign.path("id").asLong();
        campaign.put("status", "ACTIVE");
        long mailbox = emailAccounts.create(SENDER, "Alex Rivera", "smtp.acme-outbound.example", 465,
                "imap.acme-outbound.example", 993).path("id").asLong();
        emailAccounts.link(campaignId, mailbox);
        leads.addToCampaign(campaignId, Json.MAPPER.valueToTree(List.of(
                lead("dana@northwind.example", "Dana", "Kim", "Northwind"),
                lead("sam@contoso.example", "Sam", "Patel", "Contoso"))));
        webhooks.upsert(campaignId, "https://hooks.acme-outbound.example/smartlead", List.of("EMAIL_REPLY"), true);
        campaigns.create("Webinar follow-up", null);
        deliverability.createTest("AUTOMATED", "Weekly inbox check", "Quick question", SENDER, "Hi {{first_name}}, ...",
                null, Json.MAPPER.createObjectNode().put("frequency", "weekly").put("time", "09:00"));
        deliverability.createFolder("Deliverability", "Inbox placement tests");
        clients.createApiKey("reporting", List.of("read"));
    }

    private static ObjectNode lead(String email, String first, String last, String company) {
        ObjectNode lead = Json.object();
        lead.put("email", email);
        lead.put("first_name", first);
        lead.put("last_name", last);
        lead.put("company", company);
        return lead;
    }

    public FakeClock clock() {
        return clock;
    }

    public Clients clients() {
        return clients;
    }

    public Campaigns campaigns() {
        return campaigns;
    }

    public Leads leads() {
        return leads;
    }

    public EmailAccounts emailAccounts() {
        return emailAccounts;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public Deliverability deliverability() {
        return deliverability;
    }

    public SmartSenders smartSenders() {
        return smartSenders;
    }
}
