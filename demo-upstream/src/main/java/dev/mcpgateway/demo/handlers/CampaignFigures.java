package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;

/**
 * Campaign performance numbers that agree with the fake account: sends scale with the campaign's
 * real lead count and sequence length; rates are deterministic per campaign and period.
 */
final class CampaignFigures {

    private final FakeAccount account;

    CampaignFigures(FakeAccount account) {
        this.account = account;
    }

    long leadCount(long campaignId) {
        return account.leads().mappingsOfCampaign(campaignId).size();
    }

    ObjectNode totals(long campaignId, String period) {
        long leads = leadCount(campaignId);
        int saved = account.campaigns().find(campaignId).isPresent() ? account.campaigns().sequence(campaignId).size() : 0;
        long steps = Math.max(1, saved);
        String key = campaignId + ":" + period;
        long sent = leads * steps;
        long opens = Figures.share(key + "open", sent, 35, 65);
        long replies = Figures.share(key + "reply", sent, 2, 12);
        ObjectNode totals = Json.object();
        totals.put("total_leads", leads);
        totals.put("sent_count", sent);
        totals.put("unique_sent_count", leads);
        totals.put("open_count", opens);
        totals.put("unique_open_count", Math.min(leads, opens));
        totals.put("click_count", Figures.share(key + "click", sent, 1, 8));
        totals.put("reply_count", replies);
        totals.put("positive_reply_count", Figures.share(key + "positive", replies, 20, 60));
        totals.put("bounce_count", Figures.share(key + "bounce", sent, 0, 3));
        totals.put("unsubscribed_count", Figures.share(key + "unsub", sent, 0, 2));
        return totals;
    }
}
