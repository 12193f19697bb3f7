package dev.mcpgateway.proxy.validation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A catalog-service stand-in on a free port: answers {@code GET /api/tools/{server}/{name}} from what the test put in,
 * and records every {@code POST /api/tools/{server}/discovered} body; {@link #failing} makes it answer 503.
 */
public final class FakeCatalog implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> tools = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    /** "server body" of every discovery report accepted, in order. */
    public final List<String> reports = new CopyOnWriteArrayList<>();
    public final AtomicInteger refused = new AtomicInteger();
    /** The Authorization header of every request ("" when absent), in order. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    public FakeCatalog() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/tools/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void tool(String srv, String name, String inputSchema) {
        tools.put(srv + "/" + name, "{\"server\":\"" + srv + "\",\"name\":\"" + name + "\",\"inputSchema\":" + inputSchema + "}");
    }

    public int lookups() {
        return lookups.get();
    }

    /** The reports received for {@code srv}, bodies only. */
    public List<String> reportsOf(String srv) {
        return reports.stream().filter(r -> r.startsWith(srv + " ")).map(r -> r.substring(srv.length() + 1)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/api/tools/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        if (failing) {
            refused.incrementAndGet();
            send(ex, 503, "{\"title\":\"down for the test\"}");
            return;
        }
        if ("POST".equals(ex.getRequestMethod()) && path.endsWith("/discovered")) {
            String srv = path.substring(0, path.length() - "/discovered".length());
            reports.add(srv + " " + new String(body, StandardCharsets.UTF_8));
            send(ex, 200, "{\"server\":\"" + srv + "\"}");
            return;
        }
        lookups.incrementAndGet();
        String tool = tools.get(path);
        send(ex, tool == null ? 404 : 200, tool == null ? "{\"title\":\"Not Found\"}" : tool);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
