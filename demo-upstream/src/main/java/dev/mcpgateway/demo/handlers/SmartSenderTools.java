package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.ApiFailure;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.account.Figures;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import java.util.List;

/** SmartSenders: domain search, mailbox vendors, generated mailbox names and (fake) orders. */
final class SmartSenderTools implements ToolModule {

    private static final List<String> FIRST_NAMES = List.of("alex", "jordan", "taylor", "casey", "morgan", "riley");
    private static final int MAX_GENERATED = 100;

    private final FakeAccount account;

    SmartSenderTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        table.on("smartlead_search_domain", this::searchDomain)
                .on("smartlead_get_vendors", args -> Results.array(account.smartSenders().vendors()))
                .on("smartlead_auto_generate_mailboxes", this::generate)
                .on("smartlead_place_order_for_mailboxes", this::order)
                .on("smartlead_get_domain_list", args -> domains());
    }

    private JsonNode searchDomain(ToolArguments args) {
        String domain = args.text("domain").toLowerCase();
        String stem = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
        ArrayNode rows = Json.array();
        for (String candidate : List.of(domain, "get" + stem + ".com", "try" + stem + ".com", stem + "hq.com")) {
            ObjectNode row = rows.addObject();
            row.put("domain", candidate.contains(".") ? candidate : candidate + ".com");
            row.put("available", Figures.between("domain:" + candidate, 0, 3) > 0);
            row.put("price_usd", 10 + Figures.between("price:" + candidate, 0, 8));
        }
        return rows;
    }

    private JsonNode generate(ToolArguments args) {
        account.smartSenders().requireVendor(args.id("vendor_id"));
        int count = args.intOr("count", 1);
        if (count < 1 || count > MAX_GENERATED) {
            throw new ApiFailure(400, "count must be between 1 and " + MAX_GENERATED);
        }
        String domain = args.text("domain");
        String pattern = args.optionalText("naming_pattern").orElse("{first}");
        ArrayNode mailboxes = Json.array();
        for (int i = 0; i < count; i++) {
            String first = FIRST_NAMES.get(i % FIRST_NAMES.size());
            String local = pattern.replace("{first}", first).replace("{n}", String.valueOf(i + 1));
            if (i >= FIRST_NAMES.size() && !pattern.contains("{n}")) {
                local = local + (i / FIRST_NAMES.size() + 1);
            }
            ObjectNode mailbox = mailboxes.addObject();
            mailbox.put("email", local + "@" + domain);
            mailbox.put("first_name", Character.toUpperCase(first.charAt(0)) + first.substring(1));
        }
        ObjectNode result = Results.ok();
        result.put("domain", domain);
        result.put("vendor_id", args.id("vendor_id"));
        result.set("mailboxes", mailboxes);
        return result;
    }

    private JsonNode order(ToolArguments args) {
        ObjectNode order = account.smartSenders().placeOrder(args.text("domain"), args.id("vendor_id"),
                args.node("mailboxes"));
        ObjectNode result = Results.ok("Order placed (demo account: nothing is charged)");
        result.put("order_id", order.path("id").asLong());
        result.put("total_price_usd", order.path("total_price_usd").asDouble());
        result.put("status", order.path("status").asText());
        return result;
    }

    private JsonNode domains() {
        ArrayNode rows = Json.array();
        for (ObjectNode order : account.smartSenders().orders()) {
            ObjectNode row = rows.addObject();
            row.put("domain", order.path("domain").asText());
            row.put("status", order.path("status").asText());
            row.put("mailbox_count", order.path("mailbox_count").asInt());
            row.put("vendor_id", order.path("vendor_id").asLong());
            row.put("ordered_at", order.path("ordered_at").asText());
        }
        return rows;
    }
}
