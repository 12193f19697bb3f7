package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.List;

/** SmartSenders: mailbox vendors and the domain/mailbox orders placed through them. Nothing is charged. */
public final class SmartSenders {

    private static final List<ObjectNode> VENDORS = List.of(
            vendor(1, "Google Workspace (via SmartSenders)", "GOOGLE", 4.5),
            vendor(2, "Microsoft 365 (via SmartSenders)", "MICROSOFT", 4.0),
            vendor(3, "SmartLead SMTP", "SMTP", 2.5));

    private final EntityTable orders = new EntityTable("Order", 1201);
    private final FakeClock clock;

    SmartSenders(FakeClock clock) {
        this.clock = clock;
    }

    private static ObjectNode vendor(long id, String name, String provider, double pricePerMailbox) {
        ObjectNode vendor = Json.object();
        vendor.put("id", id);
        vendor.put("name", name);
        vendor.put("provider", provider);
        vendor.put("price_per_mailbox_usd", pricePerMailbox);
        return vendor;
    }

    public List<ObjectNode> vendors() {
        return VENDORS;
    }

    public ObjectNode requireVendor(long id) {
        return VENDORS.stream().filter(v -> v.path("id").asLong() == id).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("Vendor", id));
    }

    public ObjectNode placeOrder(String domain, long vendorId, JsonNode mailboxes) {
        ObjectNode vendor = requireVendor(vendorId);
        int count = mailboxes.size();
        return orders.insert(row -> {
            row.put("domain", domain);
            row.put("vendor_id", vendorId);
            row.put("mailbox_count", count);
            ArrayNode emails = row.putArray("mailboxes");
            mailboxes.forEach(m -> emails.add(m.path("email").asText()));
            row.put("total_price_usd", count * vendor.path("price_per_mailbox_usd").asDouble());
            row.put("status", "PROCESSING");
            row.put("ordered_at", clock.now());
        });
    }

    public List<ObjectNode> orders() {
        return orders.all();
    }
}
