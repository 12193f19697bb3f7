package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where a tool's input schema comes from, per real upstream server and tool name.
 * <p>
 * The upstream's own {@code tools/list} comes first: it is the definition the server that runs the call holds right
 * now, and the proxy sees it first-hand (discovery fetches it, and every list relayed to an agent refreshes it).
 * The catalog only learns of a definition after discovery reported it, stores what it was told, and may be
 * unreachable, so it is the fallback: for a tool this instance has not seen listed yet (just after a restart, on
 * another replica, before the first list arrived).
 */
public class ToolSchemas {

    /** A schema and where it came from. */
    public record Found(JsonNode schema, String source) {
    }

    public static final String LIVE = "upstream";
    public static final String CATALOG = "catalog";

    private final Map<String, Map<String, JsonNode>> live = new ConcurrentHashMap<>();
    private final CatalogSchemas catalog;
    private volatile Consumer<String> onUnknownServer = server -> { };

    /** @param catalog null when there is no catalog to fall back to */
    public ToolSchemas(CatalogSchemas catalog) {
        this.catalog = catalog;
    }

    /** Called with a server whose list this instance has never seen, when a call needs one of its schemas. */
    public void whenUnknown(Consumer<String> hook) {
        this.onUnknownServer = hook;
    }

    /** The upstream's complete list: replaces what was known of {@code server} (removed tools are forgotten). */
    public void replace(String server, JsonNode tools) {
        Map<String, JsonNode> m = new ConcurrentHashMap<>();
        for (JsonNode t : tools) {
            if (t.path("name").isTextual() && t.path("inputSchema").isObject()) {
                m.put(t.get("name").textValue(), t.get("inputSchema"));
            }
        }
        live.put(server, m);
    }

    /**
     * A {@code tools/list} response relayed to an agent on {@code endpoint}: one page, so its tools are added or
     * updated, none forgotten. A virtual server's prefixed names are routed to their real server.
     */
    public void learn(UpstreamTransport endpoint, JsonNode response) {
        JsonNode tools = response.path("result").path("tools");
        if (!tools.isArray()) {
            return;
        }
        for (JsonNode t : tools) {
            UpstreamTransport.Route route = t.path("name").isTextual() ? endpoint.route(t.get("name").textValue()) : null;
            if (route != null && t.path("inputSchema").isObject()) {
                live.computeIfAbsent(route.server(), s -> new ConcurrentHashMap<>()).put(route.name(), t.get("inputSchema"));
            }
        }
    }

    /** The live schema, else the catalog's; null when neither has one. Never fails. */
    public Uni<Found> find(String server, String tool) {
        Map<String, JsonNode> known = live.get(server);
        JsonNode schema = known == null ? null : known.get(tool);
        if (schema != null) {
            return Uni.createFrom().item(new Found(schema, LIVE));
        }
        if (known == null) {
            onUnknownServer.accept(server);
        }
        if (catalog == null) {
            return Uni.createFrom().nullItem();
        }
        return catalog.inputSchema(server, tool).map(s -> s.map(n -> new Found(n, CATALOG)).orElse(null));
    }
}
