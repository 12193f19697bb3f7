package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;

/**
 * SmartDelivery: placement tests and folders are real records; the many per-test reports share one
 * deterministic report body keyed by test id and report name (they only read).
 */
final class SmartDeliveryTools implements ToolModule {

    /** Report tools that only need an existing test id. */
    static final List<String> TEST_REPORTS = List.of("smartlead_get_provider_wise_report",
            "smartlead_get_geo_wise_report", "smartlead_get_sender_account_wise_report",
            "smartlead_get_spam_filter_report", "smartlead_get_dkim_details", "smartlead_get_spf_details",
            "smartlead_get_rdns_report", "smartlead_get_sender_account_list", "smartlead_get_blacklists",
            "smartlead_get_domain_blacklist", "smartlead_get_spam_test_email_content",
            "smartlead_get_ip_blacklist_count", "smartlead_get_email_reply_headers",
            "smartlead_get_schedule_history", "smartlead_get_ip_details", "smartlead_get_mailbox_summary",
            "smartlead_get_mailbox_count");

    private static final List<String> PROVIDERS = List.of("Gmail", "Outlook", "Yahoo", "Zoho", "iCloud");

    private final FakeAccount account;

    SmartDeliveryTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_get_region_wise_provider_ids", args -> regionProviders())
                .on("smartlead_create_manual_placement_test", this::createManual)
                .on("smartlead_create_automated_placement_test", this::createAutomated)
                .on("smartlead_get_spam_test_details", args -> account.deliverability().requireTest(args.id("test_id")))
                .on("smartlead_delete_tests_in_bulk", this::deleteTests)
                .on("smartlead_stop_automated_test", this::stop)
                .on("smartlead_list_all_tests", this::listTests)
                .on("smartlead_get_all_folders", args -> Results.array(account.deliverability().folders()))
                .on("smartlead_create_folder", this::createFolder)
                .on("smartlead_get_folder_by_id", args -> account.deliverability().requireFolder(args.id("folder_id")))
                .on("smartlead_delete_folder", this::deleteFolder);
        for (String report : TEST_REPORTS) {
            table.on(report, args -> testReport(report, args));
        }
    }

    private static JsonNode regionProviders() {
        ArrayNode regions = Json.array();
        String[][] data = {{"US", "1", "2", "3"}, {"EU", "4", "5", "6"}, {"APAC", "7", "8", "9"}};
        for (String[] region : data) {
            ObjectNode row = regions.addObject();
            row.put("region", region[0]);
            ArrayNode providers = row.putArray("providers");
            for (int i = 1; i < region.length; i++) {
                ObjectNode provider = providers.addObject();
                provider.put("id", Integer.parseInt(region[i]));
                provider.put("name", PROVIDERS.get((i - 1) % PROVIDERS.size()));
            }
        }
        return regions;
    }

    private JsonNode createManual(ToolArguments args) {
        ObjectNode test = account.deliverability().createTest("MANUAL", args.text("test_name"), args.text("subject"),
                args.text("from_email"), args.text("email_content"), args.node("to_emails"), null);
        return created(test);
    }

    private JsonNode createAutomated(ToolArguments args) {
        ObjectNode test = account.deliverability().createTest("AUTOMATED", args.text("test_name"), args.text("subject"),
                args.text("from_email"), args.text("email_content"), null, args.node("schedule"));
        return created(test);
    }

    private static JsonNode created(ObjectNode test) {
        ObjectNode result = Results.ok("Placement test created");
        result.put("test_id", test.path("id").asLong());
        result.put("status", test.path("status").asText());
        return result;
    }

    private JsonNode deleteTests(ToolArguments args) {
        List<Long> deleted = account.deliverability().deleteTests(args.ids("test_ids"));
        ObjectNode result = Results.ok("Deleted " + deleted.size() + " test(s)");
        result.set("deleted_test_ids", Json.MAPPER.valueToTree(deleted));
        return result;
    }

    private JsonNode stop(ToolArguments args) {
        ObjectNode test = account.deliverability().stopAutomated(args.id("test_id"));
        ObjectNode result = Results.ok("Automated test stopped");
        result.put("status", test.path("status").asText());
        return result;
    }

    private JsonNode listTests(ToolArguments args) {
        String status = args.optionalText("status").map(Results::upper).orElse(null);
        List<ObjectNode> tests = account.deliverability().tests().stream()
                .filter(t -> status == null || status.equals(t.path("status").asText())).toList();
        int limit = args.intOr("limit", 20);
        int page = Math.max(1, args.intOr("page", 1));
        ObjectNode result = Json.object();
        result.put("page", page);
        result.put("limit", limit);
        result.put("total", tests.size());
        result.set("data", Results.page(tests, (page - 1) * limit, limit));
        return result;
    }

    private JsonNode createFolder(ToolArguments args) {
        ObjectNode folder = account.deliverability().createFolder(args.text("name"),
                args.optionalText("description").orElse(null));
        ObjectNode result = Results.ok("Folder created");
        result.put("folder_id", folder.path("id").asLong());
        return result;
    }

    private JsonNode deleteFolder(ToolArguments args) {
        account.deliverability().deleteFolder(args.id("folder_id"));
        return Results.ok("Folder deleted");
    }

    /** One body for every per-test report: per-provider placement, which is what they all break down. */
    private JsonNode testReport(String tool, ToolArguments args) {
        ObjectNode test = account.deliverability().requireTest(args.id("test_id"));
        String key = tool + ":" + test.path("id").asText();
        ObjectNode result = Json.object();
        result.put("test_id", test.path("id").asLong());
        result.put("test_name", test.path("test_name").asText());
        result.put("report", tool.replace("smartlead_get_", ""));
        if (args.has("date_range")) {
            result.set("date_range", args.node("date_range"));
        }
        ArrayNode rows = result.putArray("data");
        long inboxTotal = 0;
        for (String provider : PROVIDERS) {
            long inbox = Figures.between(key + provider, 60, 100);
            inboxTotal += inbox;
            ObjectNode row = rows.addObject();
            row.put("provider", provider);
            row.put("inbox_percent", inbox);
            row.put("spam_percent", 100 - inbox);
            row.put("passed", inbox >= 80);
        }
        result.put("overall_inbox_percent", inboxTotal / PROVIDERS.size());
        return result;
    }
}
