package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.session.SessionRevocations;
import dev.mcpgateway.proxy.stream.SessionStreams;
import dev.mcpgateway.proxy.stream.Sse;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.Mcp;
import dev.mcpgateway.proxy.testing.ReplicaStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * What the replica tests (TwoReplicasTest, SharedRevocationsIT) share: a proxy instance serving the MCP routes
 * as CDI wires them, and a client that talks to one replica at a time with the demo grant's token.
 */
final class McpReplicas {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private McpReplicas() {
    }

    /** An instance with its own Vert.x, sessions and upstream clients; it shares with others only what it is given. */
    static ReplicaStack start(ProxyConfig config, String sessionKey, SessionRevocations revocations) throws Exception {
        return new ReplicaStack(config, sessionKey, revocations, parts -> {
            McpMessages messages = new McpMessages(parts.sessions(), parts.upstreamSessions(), parts.policy(),
                    parts.emitter(), parts.registry());
            McpRoutes routes = new McpRoutes(parts.config(), parts.upstreams(), parts.grants(), parts.sessions(),
                    parts.upstreamSessions(), messages, new SessionStreams(100, 16, Duration.ofMinutes(30), Sse::event));
            return routes::register;
        });
    }

    static HttpResponse<String> post(ReplicaStack r, String session, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(r)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), session);
    }

    static HttpResponse<String> delete(ReplicaStack r, String session) throws Exception {
        return send(HttpRequest.newBuilder(uri(r)).DELETE(), session);
    }

    /** The session id an initialize on {@code r} was given. */
    static String initialize(ReplicaStack r) throws Exception {
        return post(r, null, Mcp.initialize(1, "2025-11-25")).headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String session) throws Exception {
        b.header("Authorization", "Bearer " + FakePolicyService.TOKEN).header("Accept", Mcp.ACCEPT)
                .timeout(Duration.ofSeconds(10));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ReplicaStack r) {
        return URI.create("http://127.0.0.1:" + r.port() + "/mcp/smartlead");
    }
}
