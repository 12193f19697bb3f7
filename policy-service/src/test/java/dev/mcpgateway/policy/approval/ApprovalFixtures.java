package dev.mcpgateway.policy.approval;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for catalog-service ({@code GET /api/tools/{server}/{tool}} for the
 * tools {@code transfer_funds} and {@code pay}; 404 otherwise) and for a webhook receiver ({@code POST /hooks/approvals},
 * recorded in {@link #DELIVERIES}; the next {@link #FAILURES} deliveries get a 500).
 */
public class ApprovalFixtures implements QuarkusTestResourceLifecycleManager {
    public static final String SECRET = "it-webhook-secret";
    public static final BlockingQueue<Delivery> DELIVERIES = new LinkedBlockingQueue<>();
    public static final AtomicInteger FAILURES = new AtomicInteger();
    static final String TRANSFER_SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"amount\":{\"type\":\"number\",\"maximum\":1000},\"to\":{\"type\":\"string\",\"minLength\":1}},"
            + "\"required\":[\"amount\",\"to\"],\"additionalProperties\":false}";
    /** Lax on purpose: an edit the schema lets through may still carry no amount a spend cap can charge. */
    static final String PAY_SCHEMA = "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":[\"number\",\"string\"]},"
            + "\"memo\":{\"type\":\"string\"}}}";

    public record Delivery(byte[] body, String signature, String event) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hooks/approvals", this::hook);
        server.createContext("/api/tools/", this::tool);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("policy.catalog.url", base,
                "policy.approvals.webhook.url", base + "/hooks/approvals",
                "policy.approvals.webhook.secret", SECRET);
    }

    private void hook(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(ex, 500, "");
            return;
        }
        DELIVERIES.add(new Delivery(body, ex.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                ex.getRequestHeaders().getFirst("X-MCP-Gateway-Event")));
        respond(ex, 204, null);
    }

    private void tool(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/transfer_funds")) {
            respond(ex, 200, "{\"server\":\"bank\",\"name\":\"transfer_funds\",\"inputSchema\":" + TRANSFER_SCHEMA + "}");
        } else if (path.endsWith("/pay")) {
            respond(ex, 200, "{\"server\":\"bank\",\"name\":\"pay\",\"inputSchema\":" + PAY_SCHEMA + "}");
        } else {
            respond(ex, 404, "{\"title\":\"Not Found\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
