package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool names each upstream listed in its last {@code tools/list}, so metrics label a call with its
 * tool only when the upstream has it: an agent calling made-up names cannot make label values up. At most
 * {@value #MAX_PER_SERVER} names per server.
 */
public final class KnownTools {

    static final int MAX_PER_SERVER = 1000;
    private final Map<String, Set<String>> byServer = new ConcurrentHashMap<>();

    /**
     * A {@code tools/list} answer as the upstream sent it (before policy filtering).
     *
     * @param firstPage the request had no cursor: the list starts over; later pages add to it
     */
    public void listed(UpstreamTransport upstream, UpstreamMessage response, boolean firstPage) {
        JsonNode tools = response.node().path("result").path("tools");
        if (!tools.isArray()) {
            return;
        }
        Map<String, Set<String>> found = new HashMap<>();
        for (JsonNode t : tools) {
            UpstreamTransport.Route route = upstream.route(t.path("name").asText(""));
            if (route != null) {
                found.computeIfAbsent(route.server(), k -> new HashSet<>()).add(route.name());
            }
        }
        found.forEach((server, names) -> byServer.compute(server, (k, old) -> {
            Set<String> next = firstPage || old == null ? new HashSet<>() : new HashSet<>(old);
            for (String n : names) {
                if (next.size() >= MAX_PER_SERVER) {
                    break;
                }
                next.add(n);
            }
            return Set.copyOf(next);
        }));
    }

    public boolean known(String server, String tool) {
        Set<String> tools = byServer.get(server);
        return tools != null && tools.contains(tool);
    }
}
