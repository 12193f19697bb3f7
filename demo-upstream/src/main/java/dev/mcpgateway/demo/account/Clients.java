package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Agency clients (sub-accounts) and the API keys issued for them. */
public final class Clients {

    private final EntityTable clients = new EntityTable("Client", 101);
    private final EntityTable apiKeys = new EntityTable("API key", 701);
    private final FakeClock clock;

    Clients(FakeClock clock) {
        this.clock = clock;
    }

    public ObjectNode create(String name, String email, boolean whitelabel, JsonNode settings) {
        return clients.insert(row -> {
            row.put("name", name);
            row.put("email", email);
            row.put("is_whitelabel", whitelabel);
            row.set("settings", settings == null || settings.isMissingNode() ? null : settings.deepCopy());
            row.putNull("logo");
            row.put("created_at", clock.now());
        });
    }

    public ObjectNode require(long id) {
        return clients.require(id);
    }

    public List<ObjectNode> all() {
        return clients.all();
    }

    public ObjectNode createApiKey(String name, List<String> permissions) {
        return apiKeys.insert(row -> {
            row.put("name", name);
            row.set("permissions", dev.mcpgateway.demo.json.Json.MAPPER.valueToTree(permissions));
            row.put("api_key", newKey(row.path("id").asLong(), 0));
            row.put("generation", 0);
            row.put("status", "active");
            row.put("created_at", clock.now());
        });
    }

    public List<ObjectNode> apiKeys() {
        return apiKeys.all();
    }

    public ObjectNode deleteApiKey(long id) {
        return apiKeys.remove(id);
    }

    public ObjectNode resetApiKey(long id) {
        ObjectNode key = apiKeys.require(id);
        int generation = key.path("generation").asInt() + 1;
        key.put("api_key", newKey(id, generation));
        key.put("generation", generation);
        key.put("updated_at", clock.now());
        return key;
    }

    /** Fake but stable keys: the same key id and reset count always give the same secret. */
    private static String newKey(long id, int generation) {
        return String.format("sl_demo_%012x", Figures.between("api-key:" + id + ":" + generation, 0, 0xFFFFFFFFFFFFL));
    }
}
