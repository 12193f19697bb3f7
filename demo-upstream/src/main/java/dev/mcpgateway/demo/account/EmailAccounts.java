package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sending mailboxes, their warmup settings and which campaigns send from them. Passwords are never echoed. */
public final class EmailAccounts {

    private final EntityTable accounts = new EntityTable("Email account", 7001);
    private final Map<Long, Set<Long>> byCampaign = new HashMap<>();
    private final FakeClock clock;

    EmailAccounts(FakeClock clock) {
        this.clock = clock;
    }

    public ObjectNode create(String email, String name, String smtpHost, int smtpPort, String imapHost, int imapPort) {
        String now = clock.now();
        return accounts.insert(row -> {
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("user_id", FakeAccount.USER_ID);
            row.put("from_name", name == null ? email.substring(0, email.indexOf('@')) : name);
            row.put("from_email", email);
            row.put("username", email);
            row.put("smtp_host", smtpHost);
            row.put("smtp_port", smtpPort);
            row.put("smtp_port_type", smtpPort == 465 ? "SSL" : "TLS");
            row.put("imap_host", imapHost);
            row.put("imap_port", imapPort);
            row.put("message_per_day", 50);
            row.put("daily_sent_count", 0);
            row.put("type", "SMTP");
            row.put("is_smtp_success", true);
            row.put("is_imap_success", true);
            ObjectNode warmup = row.putObject("warmup_details");
            warmup.put("status", "INACTIVE");
            warmup.put("total_sent_count", 0);
            warmup.put("total_spam_count", 0);
            warmup.put("warmup_reputation", "100%");
            warmup.put("daily_ramp_up", 2);
            warmup.put("reply_rate_percentage", 30);
            row.set("tags", Json.array());
            row.putNull("client_id");
        });
    }

    public ObjectNode require(long id) {
        return accounts.require(id);
    }

    public List<ObjectNode> all() {
        return accounts.all();
    }

    public ObjectNode touch(ObjectNode account) {
        account.put("updated_at", clock.now());
        return account;
    }

    public void link(long campaignId, long accountId) {
        require(accountId);
        byCampaign.computeIfAbsent(campaignId, id -> new LinkedHashSet<>()).add(accountId);
    }

    public void unlink(long campaignId, long accountId) {
        require(accountId);
        Set<Long> linked = byCampaign.getOrDefault(campaignId, Set.of());
        if (!linked.contains(accountId)) {
            throw new ApiFailure(404, "Email account " + accountId + " is not attached to campaign " + campaignId);
        }
        linked.remove(accountId);
    }

    public List<ObjectNode> ofCampaign(long campaignId) {
        List<ObjectNode> result = new ArrayList<>();
        for (long id : byCampaign.getOrDefault(campaignId, Set.of())) {
            accounts.find(id).ifPresent(result::add);
        }
        return result;
    }

    public void forgetCampaign(long campaignId) {
        byCampaign.remove(campaignId);
    }
}
