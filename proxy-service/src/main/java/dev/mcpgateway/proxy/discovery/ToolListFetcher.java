package dev.mcpgateway.proxy.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.upstream.UpstreamCall;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads an upstream's complete tool list on a session of the gateway's own (initialize, every page of
 * {@code tools/list}, end the session). Its own session, not an agent's: no request id can collide with the
 * agent's, the agent's session state is untouched, and the list is the whole list however the agent pages.
 */
public final class ToolListFetcher {

    /** A list longer than this many pages is cut there (a server whose cursor never ends). */
    static final int MAX_PAGES = 100;
    private static final byte[] INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final String protocolVersion;
    private final AtomicLong ids = new AtomicLong();

    /** @param protocolVersion the version the gateway offers upstream (its newest) */
    public ToolListFetcher(String protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    /** The {@code tools} array of the upstream's list, all pages joined. */
    public Uni<ArrayNode> fetch(UpstreamTransport upstream) {
        ObjectNode params = Json.object();
        params.put("protocolVersion", protocolVersion);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "mcp-gateway-discovery").put("version", "1");
        return request(upstream, "initialize", params, null, null).chain(init -> {
            String sessionId = init.sessionId();
            String version = init.message().node().path("result").path("protocolVersion").asText(protocolVersion);
            ArrayNode tools = Json.NODES.arrayNode();
            return upstream.send(new UpstreamCall(INITIALIZED, null, sessionId, version), m -> { })
                    .chain(() -> page(upstream, sessionId, version, null, tools, 0))
                    // Best effort: a server that keeps the session anyway expires it on its own.
                    .call(() -> upstream.terminate(sessionId, version).onFailure().recoverWithNull())
                    .onFailure().call(() -> upstream.terminate(sessionId, version).onFailure().recoverWithNull());
        });
    }

    private Uni<ArrayNode> page(UpstreamTransport upstream, String sessionId, String version, String cursor,
                                ArrayNode tools, int pages) {
        ObjectNode params = Json.object();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return request(upstream, "tools/list", params, sessionId, version).chain(r -> {
            JsonNode result = r.message().node().path("result");
            if (!result.path("tools").isArray()) {
                throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "tools/list result has no 'tools' array", 0);
            }
            tools.addAll((ArrayNode) result.get("tools"));
            String next = result.path("nextCursor").isTextual() ? result.get("nextCursor").textValue() : null;
            if (next == null || next.isEmpty() || pages + 1 >= MAX_PAGES) {
                return Uni.createFrom().item(tools);
            }
            return page(upstream, sessionId, version, next, tools, pages + 1);
        });
    }

    private record Answer(UpstreamMessage message, String sessionId) {
    }

    private Uni<Answer> request(UpstreamTransport upstream, String method, ObjectNode params, String sessionId, String version) {
        ObjectNode msg = Json.object();
        msg.put("jsonrpc", "2.0");
        String id = "gateway-discovery-" + ids.incrementAndGet();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params);
        return upstream.send(new UpstreamCall(Json.bytes(msg), Json.NODES.textNode(id), sessionId, version), m -> { })
                .map(reply -> {
                    if (reply.response() == null) {
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "no answer to " + method, 0);
                    }
                    JsonNode error = reply.response().node().get("error");
                    if (error != null) {
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                method + " refused: " + error.path("message").asText(error.toString()), 0);
                    }
                    return new Answer(reply.response(), reply.sessionId() != null ? reply.sessionId() : sessionId);
                });
    }
}
