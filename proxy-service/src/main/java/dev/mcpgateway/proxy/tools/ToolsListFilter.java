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
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps in a {@code tools/list} result only the tools policy lets this grant see. Fails closed: if
 * policy-service cannot answer, the agent gets an error that says so rather than a list it should not see.
 */
public final class ToolsListFilter {

    private final PolicyGateway policy;

    public ToolsListFilter(PolicyGateway policy) {
        this.policy = policy;
    }

    /** The response to relay: unchanged when it is an error, else the result with hidden tools removed. */
    public Uni<UpstreamMessage> filter(UpstreamMessage response, Grant grant, String server) {
        JsonNode tools = response.node().path("result").path("tools");
        if (!tools.isArray()) {
            return Uni.createFrom().item(response); // an error, or a result without tools: nothing to hide
        }
        List<String> names = new ArrayList<>(tools.size());
        tools.forEach(t -> names.add(t.path("name").asText("")));
        FilterToolsRequest request = FilterToolsRequest.newBuilder()
                .setGrantId(grant.id()).setServer(server).addAllTools(names).build();
        return policy.filterTools(request)
                .onFailure().transform(t -> new McpException(JsonRpcErrors.toolsFilterUnavailable(server,
                        io.grpc.Status.fromThrowable(t).getCode().name())
                        .withId(response.node().get("id")).withStatus(200)))
                .map(visible -> keep(response, (ArrayNode) tools, new HashSet<>(visible)));
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
