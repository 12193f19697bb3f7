package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.ToolArguments;
import dev.mcpgateway.demo.tools.ToolDefinition;
import dev.mcpgateway.demo.tools.ToolHandler;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The generic answer for read-only dashboard tools that have no handler of their own: deterministic
 * metrics for the requested period, with a per-day series for "day_wise" reports. It never changes
 * the account, so it is only ever used for tools the catalog classifies as "read".
 */
final class ReadOnlyReport implements ToolHandler {

    private static final int MAX_DAYS = 31;

    private final ToolDefinition tool;
    private final FakeAccount account;

    ReadOnlyReport(ToolDefinition tool, FakeAccount account) {
        if (!tool.readOnly()) {
            throw new IllegalArgumentException(tool.name() + " changes the account and needs its own handler");
        }
        this.tool = tool;
        this.account = account;
    }

    @Override
    public JsonNode call(ToolArguments args) {
        LocalDate end = date(args, "end_date", account.clock().today());
        LocalDate start = date(args, "start_date", end.minusDays(29));
        ObjectNode result = Json.object();
        result.put("success", true);
        result.put("report", tool.title());
        result.put("start_date", start.toString());
        result.put("end_date", end.toString());
        result.put("timezone", args.optionalText("timezone").orElse("UTC"));
        String key = tool.name() + start + end;
        result.set("data", metrics(key));
        if (tool.name().contains("day_wise")) {
            ArrayNode days = result.putArray("day_wise_data");
            for (LocalDate day = start; !day.isAfter(end) && days.size() < MAX_DAYS; day = day.plusDays(1)) {
                ObjectNode row = metrics(tool.name() + day);
                row.put("date", day.toString());
                days.add(row);
            }
        }
        return result;
    }

    private ObjectNode metrics(String key) {
        long sent = Figures.between(key + "sent", 50, 500);
        long replies = Figures.share(key + "reply", sent, 2, 10);
        ObjectNode metrics = Json.object();
        metrics.put("campaigns", account.campaigns().all().size());
        metrics.put("mailboxes", account.emailAccounts().all().size());
        metrics.put("sent", sent);
        metrics.put("opened", Figures.share(key + "open", sent, 35, 65));
        metrics.put("replied", replies);
        metrics.put("positive_replies", Figures.share(key + "positive", replies, 20, 60));
        metrics.put("bounced", Figures.share(key + "bounce", sent, 0, 3));
        metrics.put("unsubscribed", Figures.share(key + "unsub", sent, 0, 2));
        return metrics;
    }

    /** Unparseable dates fall back to the default period: the original passes them to the API as text. */
    private static LocalDate date(ToolArguments args, String name, LocalDate fallback) {
        try {
            return args.optionalText(name).map(v -> LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v))
                    .orElse(fallback);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
