package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leads live once per account (keyed by email) and join campaigns through a campaign-lead mapping,
 * which carries the per-campaign status, category and message history.
 */
public final class Leads {

    public static final List<String> CATEGORIES = List.of("Interested", "Meeting Request", "Not Interested",
            "Do Not Contact", "Information Request", "Out Of Office", "Wrong Person", "Uncategorizable by AI",
            "Sender Originated Bounce");

    private final EntityTable leads = new EntityTable("Lead", 50001);
    private final EntityTable mappings = new EntityTable("Campaign lead", 900001);
    private final Map<Long, ArrayNode> history = new HashMap<>();
    private final Set<String> blocklist = new LinkedHashSet<>();
    private final FakeClock clock;

    Leads(FakeClock clock) {
        this.clock = clock;
    }

    public record AddOutcome(int uploaded, int duplicates, int blocked, int alreadyInCampaign) {
    }

    /** Adds leads to a campaign the way SmartLead counts them: new, duplicate in the upload, blocked, already there. */
    public AddOutcome addToCampaign(long campaignId, JsonNode newLeads) {
        int uploaded = 0;
        int duplicates = 0;
        int blocked = 0;
        int already = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode input : newLeads) {
            String email = input.path("email").asText().toLowerCase(Locale.ROOT);
            if (!seen.add(email)) {
                duplicates++;
            } else if (isBlocked(email)) {
                blocked++;
            } else {
                ObjectNode lead = byEmail(email).orElseGet(() -> insertLead(email));
                merge(lead, input);
                long leadId = lead.path("id").asLong();
                if (mapping(campaignId, leadId).isPresent()) {
                    already++;
                } else {
                    mappings.insert(row -> {
                        row.put("campaign_id", campaignId);
                        row.put("lead_id", leadId);
                        row.put("status", "STARTED");
                        row.putNull("lead_category_id");
                        row.put("created_at", clock.now());
                    });
                    uploaded++;
                }
            }
        }
        return new AddOutcome(uploaded, duplicates, blocked, already);
    }

    private ObjectNode insertLead(String email) {
        return leads.insert(row -> {
            row.putNull("first_name");
            row.putNull("last_name");
            row.put("email", email);
            row.putNull("phone_number");
            row.putNull("company_name");
            row.putNull("title");
            row.set("custom_fields", Json.object());
            row.put("is_unsubscribed", false);
            row.put("created_at", clock.now());
        });
    }

    /** Copies the known input fields onto a lead, renaming them to SmartLead's record names. */
    public ObjectNode merge(ObjectNode lead, JsonNode input) {
        copy(input, "email", lead, "email");
        copy(input, "first_name", lead, "first_name");
        copy(input, "last_name", lead, "last_name");
        copy(input, "company", lead, "company_name");
        copy(input, "title", lead, "title");
        copy(input, "phone", lead, "phone_number");
        return lead;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String target) {
        if (from.hasNonNull(field)) {
            to.put(target, from.get(field).asText());
        }
    }

    public ObjectNode require(long leadId) {
        return leads.require(leadId);
    }

    public List<ObjectNode> all() {
        return leads.all();
    }

    public Optional<ObjectNode> byEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return leads.all().stream().filter(l -> l.path("email").asText().equalsIgnoreCase(wanted)).findFirst();
    }

    public Optional<ObjectNode> mapping(long campaignId, long leadId) {
        return mappings.all().stream()
                .filter(m -> m.path("campaign_id").asLong() == campaignId && m.path("lead_id").asLong() == leadId)
                .findFirst();
    }

    public ObjectNode requireMapping(long campaignId, long leadId) {
        require(leadId);
        return mapping(campaignId, leadId)
                .orElseThrow(() -> new ApiFailure(404, "Lead " + leadId + " is not in campaign " + campaignId));
    }

    public List<ObjectNode> mappingsOfCampaign(long campaignId) {
        return mappings.all().stream().filter(m -> m.path("campaign_id").asLong() == campaignId).toList();
    }

    public List<ObjectNode> mappingsOfLead(long leadId) {
        return mappings.all().stream().filter(m -> m.path("lead_id").asLong() == leadId).toList();
    }

    public ObjectNode setStatus(long campaignId, long leadId, String status) {
        ObjectNode mapping = requireMapping(campaignId, leadId);
        mapping.put("status", status);
        return mapping;
    }

    public void removeFromCampaign(long campaignId, long leadId) {
        ObjectNode mapping = requireMapping(campaignId, leadId);
        mappings.remove(mapping.path("id").asLong());
        history.remove(mapping.path("id").asLong());
    }

    /** Deleting a campaign drops its mappings; the leads stay in the account, as in SmartLead. */
    public void forgetCampaign(long campaignId) {
        for (ObjectNode mapping : mappingsOfCampaign(campaignId)) {
            mappings.remove(mapping.path("id").asLong());
            history.remove(mapping.path("id").asLong());
        }
    }

    public int unsubscribeEverywhere(long leadId) {
        require(leadId).put("is_unsubscribed", true);
        List<ObjectNode> all = mappingsOfLead(leadId);
        all.forEach(m -> m.put("status", "UNSUBSCRIBED"));
        return all.size();
    }

    public ObjectNode categorise(long campaignId, long leadId, String category) {
        int index = -1;
        for (int i = 0; i < CATEGORIES.size(); i++) {
            if (CATEGORIES.get(i).equalsIgnoreCase(category.trim())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new ApiFailure(400, "Unknown lead category \"" + category + "\"; use one of " + CATEGORIES);
        }
        ObjectNode mapping = requireMapping(campaignId, leadId);
        mapping.put("lead_category_id", index + 1);
        mapping.put("lead_category", CATEGORIES.get(index));
        return mapping;
    }

    public ArrayNode history(long campaignId, long leadId) {
        ObjectNode mapping = requireMapping(campaignId, leadId);
        return history.computeIfAbsent(mapping.path("id").asLong(), id -> Json.array());
    }

    public ObjectNode recordMessage(long campaignId, long leadId, String type, String subject, String body, String to) {
        ArrayNode messages = history(campaignId, leadId);
        ObjectNode message = messages.addObject();
        message.put("type", type);
        message.put("message_id", "<demo-" + campaignId + "-" + leadId + "-" + messages.size() + "@smartlead.demo>");
        message.put("time", clock.now());
        message.put("from", FakeAccount.SENDER);
        message.put("to", to);
        message.put("subject", subject);
        message.put("email_body", body);
        return message;
    }

    public boolean block(String email) {
        return blocklist.add(email.toLowerCase(Locale.ROOT));
    }

    public boolean isBlocked(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        String domain = lower.substring(lower.indexOf('@') + 1);
        return blocklist.contains(lower) || blocklist.contains(domain);
    }

    public List<String> blocklist() {
        return new ArrayList<>(blocklist);
    }
}
