package dev.mcpgateway.proxy.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpException;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps in a {@code tools/list} result only the tools policy lets this grant see, asking per real server
 * (a virtual server's list mixes several). Fails closed: if policy-service cannot answer, the agent gets
 * an error that says so rather than a list it should not see.
 */
public final class ToolsListFilter {

    private final PolicyGateway policy;

    public ToolsListFilter(PolicyGateway policy) {
        this.policy = policy;
    }

    /** The response to relay: unchanged when it is an error, else the result with hidden tools removed. */
    public Uni<UpstreamMessage> filter(UpstreamMessage response, Grant grant, UpstreamTransport upstream) {
        JsonNode tools = response.node().path("result").path("tools");
        if (!tools.isArray()) {
            return Uni.createFrom().item(response); // an error, or a result without tools: nothing to hide
        }
        // Names as listed, grouped by the real server; the real names are what policy knows.
        Map<String, Map<String, String>> byServer = new LinkedHashMap<>();
        for (JsonNode t : tools) {
            String listed = t.path("name").asText("");
            UpstreamTransport.Route route = upstream.route(listed);
            if (route != null) {
                byServer.computeIfAbsent(route.server(), k -> new LinkedHashMap<>()).put(route.name(), listed);
            }
        }
        if (byServer.isEmpty()) {
            return Uni.createFrom().item(keep(response, (ArrayNode) tools, Set.of()));
        }
        List<Uni<List<String>>> asks = new ArrayList<>();
        byServer.forEach((server, names) -> asks.add(policy.filterTools(FilterToolsRequest.newBuilder()
                        .setGrantId(grant.id()).setServer(server).addAllTools(names.keySet()).build())
                .map(visible -> visible.stream().map(names::get).filter(n -> n != null).toList())));
        Uni<List<List<String>>> all = asks.size() == 1 ? asks.get(0).map(List::of)
                : Uni.join().all(asks).andFailFast();
        return all
                .onFailure().transform(t -> new McpException(JsonRpcErrors.toolsFilterUnavailable(upstream.name(),
                        io.grpc.Status.fromThrowable(t).getCode().name())
                        .withId(response.node().get("id")).withStatus(200)))
                .map(lists -> {
                    Set<String> visible = new HashSet<>();
                    lists.forEach(visible::addAll);
                    return keep(response, (ArrayNode) tools, visible);
                });
    }

    private static UpstreamMessage keep(UpstreamMessage response, ArrayNode tools, Set<String> visible) {
        if (visible.size() >= tools.size() && allVisible(tools, visible)) {
            return response; // nothing hidden: relay the upstream's bytes as they are
        }
        // Shallow copies: only the tools array changes; the tool objects themselves are shared, not copied.
        ObjectNode copy = Json.object().setAll(response.node());
        ObjectNode result = Json.object().setAll((ObjectNode) response.node().get("result"));
        copy.set("result", result);
        ArrayNode kept = result.putArray("tools");
        for (JsonNode t : tools) {
            if (visible.contains(t.path("name").asText(""))) {
                kept.add(t);
            }
        }
        return new UpstreamMessage(copy, Json.bytes(copy));
    }

    private static boolean allVisible(ArrayNode tools, Set<String> visible) {
        for (JsonNode t : tools) {
            if (!visible.contains(t.path("name").asText(""))) {
                return false;
            }
        }
        return true;
    }
}
