package dev.mcpgateway.demo.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;

/** Client management: agency sub-accounts, their API keys and the team. */
final class ClientTools implements ToolModule {

    private final FakeAccount account;

    ClientTools(FakeAccount account) {
        this.account = account;
    }

    @Override
    public void register(HandlerTable table) {
        // The original exposes the same endpoint under two names.
        table.on("smartlead_add_client_to_system", this::create)
                .on("smartlead_create_client", this::create)
                .on("smartlead_get_all_clients", args -> Results.array(account.clients().all()))
                .on("smartlead_create_client_api_key", this::createKey)
                .on("smartlead_get_client_api_keys", args -> apiKeys())
                .on("smartlead_delete_client_api_key", this::deleteKey)
                .on("smartlead_reset_client_api_key", this::resetKey)
                .on("smartlead_get_team_details", this::team);
    }

    private JsonNode create(ToolArguments args) {
        ObjectNode client = account.clients().create(args.text("name"), args.text("email"),
                args.boolOr("is_whitelabel", false), args.node("settings"));
        ObjectNode result = Results.ok();
        result.put("clientId", client.path("id").asLong());
        result.put("name", client.path("name").asText());
        result.put("email", client.path("email").asText());
        return result;
    }

    private JsonNode createKey(ToolArguments args) {
        ObjectNode key = account.clients().createApiKey(args.text("name"), args.texts("permissions"));
        ObjectNode result = Results.ok("API key created; it is shown only once");
        result.put("id", key.path("id").asLong());
        result.put("api_key", key.path("api_key").asText());
        return result;
    }

    /** Listing masks the secret, as SmartLead does. */
    private JsonNode apiKeys() {
        ArrayNode rows = Json.array();
        for (ObjectNode key : account.clients().apiKeys()) {
            ObjectNode row = rows.addObject();
            row.put("id", key.path("id").asLong());
            row.put("name", key.path("name").asText());
            row.set("permissions", key.get("permissions"));
            String secret = key.path("api_key").asText();
            row.put("api_key", secret.substring(0, 8) + "…" + secret.substring(secret.length() - 4));
            row.put("status", key.path("status").asText());
            row.put("created_at", key.path("created_at").asText());
        }
        return rows;
    }

    private JsonNode deleteKey(ToolArguments args) {
        account.clients().deleteApiKey(args.id("api_key_id"));
        return Results.ok("API key deleted");
    }

    private JsonNode resetKey(ToolArguments args) {
        ObjectNode key = account.clients().resetApiKey(args.id("api_key_id"));
        ObjectNode result = Results.ok("API key reset; the old key no longer works");
        result.put("id", key.path("id").asLong());
        result.put("api_key", key.path("api_key").asText());
        return result;
    }

    private JsonNode team(ToolArguments args) {
        ObjectNode team = Json.object();
        team.put("team_id", args.optionalText("team_id").orElse("team-" + FakeAccount.USER_ID));
        team.put("name", "Acme Outbound team");
        team.put("plan", "PRO");
        ArrayNode members = team.putArray("members");
        ObjectNode owner = members.addObject();
        owner.put("user_id", FakeAccount.USER_ID);
        owner.put("email", FakeAccount.SENDER);
        owner.put("role", "OWNER");
        team.put("client_count", account.clients().all().size());
        return team;
    }
}
