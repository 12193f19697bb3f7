package dev.mcpgateway.demo.transport.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.DemoConfig;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.mcp.JsonRpc;
import dev.mcpgateway.demo.mcp.JsonRpcMessage;
import dev.mcpgateway.demo.mcp.McpError;
import dev.mcpgateway.demo.mcp.McpServer;
import dev.mcpgateway.demo.mcp.ProtocolVersions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MCP Streamable HTTP (2025-11-25) at {@code demo.http.path}: POST carries one JSON-RPC message and
 * gets a JSON reply (never SSE: the stand-in has nothing to stream), DELETE ends the session, GET is
 * 405 because the server never sends unsolicited messages.
 */
@ApplicationScoped
public class McpHttpRoute {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** Before version negotiation existed, clients sent no header; the spec says to assume this one. */
    static final String DEFAULT_VERSION = "2025-03-26";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final McpServer server;
    private final DemoConfig.Http config;
    private final long toolLatencyMillis;
    private final SessionRegistry sessions;

    public McpHttpRoute(McpServer server, DemoConfig config) {
        this.server = server;
        this.config = config.http();
        this.toolLatencyMillis = this.config.toolLatency().toMillis();
        this.sessions = new SessionRegistry(Clock.systemUTC(), this.config.maxSessions(),
                this.config.sessionIdleTimeout());
    }

    void register(@Observes Router router) {
        String path = config.path();
        router.route(path).handler(this::checkOrigin);
        router.post(path).handler(BodyHandler.create().setBodyLimit(config.maxBodyBytes())).handler(this::post);
        router.delete(path).handler(this::delete);
        router.route(path).handler(ctx -> ctx.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST, DELETE")
                .end());
    }

    /** DNS-rebinding protection: a browser page from another origin must not reach a local server. */
    private void checkOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || allowed(origin)) {
            ctx.next();
        } else {
            fail(ctx, 403, new McpError(-32000, "Forbidden: origin " + origin + " is not allowed"));
        }
    }

    private boolean allowed(String origin) {
        if (config.allowedOrigins().map(list -> list.contains(origin)).orElse(false)) {
            return true;
        }
        try {
            String host = URI.create(origin).getHost();
            return host != null && LOCAL_HOSTS.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void post(RoutingContext ctx) {
        String contentType = Optional.ofNullable(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse("");
        if (!contentType.toLowerCase().startsWith("application/json")) {
            fail(ctx, 415, new McpError(McpError.INVALID_REQUEST, "Unsupported Media Type: Content-Type must be application/json"));
            return;
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !acceptsJson(accept)) {
            fail(ctx, 406, new McpError(McpError.INVALID_REQUEST, "Not Acceptable: the client must accept application/json"));
            return;
        }
        JsonRpcMessage message;
        try {
            message = JsonRpcMessage.parse(ctx.body().asString());
        } catch (McpError error) {
            fail(ctx, 400, error);
            return;
        }
        String version = ctx.request().getHeader(VERSION_HEADER);
        if (version != null && !ProtocolVersions.supported(version)) {
            fail(ctx, 400, new McpError(McpError.INVALID_REQUEST, "Bad Request: unsupported " + VERSION_HEADER + " "
                    + version + "; supported: " + ProtocolVersions.SUPPORTED, message.id()));
            return;
        }
        String sessionId = ctx.request().getHeader(SESSION_HEADER);
        if ("initialize".equals(message.method()) && message.isRequest()) {
            initialize(ctx, message, sessionId);
            return;
        }
        if (sessionId == null) {
            fail(ctx, 400, new McpError(-32000, "Bad Request: " + SESSION_HEADER + " header is required", message.id()));
            return;
        }
        if (sessions.touch(sessionId).isEmpty()) {
            fail(ctx, 404, new McpError(-32001, "Session not found", message.id()));
            return;
        }
        Optional<ObjectNode> response = server.handle(message);
        if (response.isPresent() && toolLatencyMillis > 0 && "tools/call".equals(message.method())) {
            ObjectNode answer = response.get();
            ctx.vertx().setTimer(toolLatencyMillis, id -> json(ctx, 200, answer));
        } else if (response.isPresent()) {
            json(ctx, 200, response.get());
        } else {
            ctx.response().setStatusCode(202).end();
        }
    }

    private void initialize(RoutingContext ctx, JsonRpcMessage message, String sessionId) {
        if (sessionId != null) {
            fail(ctx, 400, new McpError(McpError.INVALID_REQUEST,
                    "Bad Request: initialize starts a new session and must not carry " + SESSION_HEADER, message.id()));
            return;
        }
        ObjectNode response = server.handle(message).orElseThrow();
        if (response.has("result")) {
            String negotiated = response.path("result").path("protocolVersion").asText(DEFAULT_VERSION);
            Optional<SessionRegistry.Session> session = sessions.create(negotiated);
            if (session.isEmpty()) {
                fail(ctx, 503, new McpError(-32000, "Service Unavailable: too many sessions", message.id()));
                return;
            }
            ctx.response().putHeader(SESSION_HEADER, session.get().id());
        }
        json(ctx, 200, response);
    }

    private void delete(RoutingContext ctx) {
        String sessionId = ctx.request().getHeader(SESSION_HEADER);
        if (sessionId == null) {
            fail(ctx, 400, new McpError(-32000, "Bad Request: " + SESSION_HEADER + " header is required"));
        } else if (!sessions.end(sessionId)) {
            fail(ctx, 404, new McpError(-32001, "Session not found"));
        } else {
            ctx.response().setStatusCode(204).end();
        }
    }

    private static boolean acceptsJson(String accept) {
        List<String> types = List.of(accept.toLowerCase().replace(" ", "").split(","));
        return types.stream().map(t -> t.split(";")[0])
                .anyMatch(t -> t.equals("application/json") || t.equals("application/*") || t.equals("*/*"));
    }

    private static void fail(RoutingContext ctx, int status, McpError error) {
        json(ctx, status, JsonRpc.error(error));
    }

    private static void json(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.compact(body));
    }
}
