package dev.mcpgateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both of McpLoad's HTTP clients speak the MCP handshake the same way: headers, session id, success test. */
class McpLoadTransportTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean refuseCalls;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("mcpload.client");
    }

    private void answer(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var h = ex.getRequestHeaders();
        seen.add(h.getFirst("Authorization") + "|" + h.getFirst("Mcp-Session-Id") + "|" + h.getFirst("Content-Type"));
        String reply;
        int status = 200;
        if (body.contains("\"initialize\"")) {
            ex.getResponseHeaders().add("Mcp-Session-Id", "s-1");
            reply = "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}";
        } else if (body.contains("notifications/initialized")) {
            status = 202;
            reply = "";
        } else if (refuseCalls) {
            reply = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":true,\"content\":[]}}";
        } else {
            reply = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}";
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vertx", "jdk"})
    void handshakeThenCallsCarryTheSessionAndTellSuccessFromRefusal(String client) throws Exception {
        System.setProperty("mcpload.client", client);
        McpLoad load = new McpLoad(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp"), "tok",
                "some_tool", "{}");
        load.initialize();
        assertTrue(load.call().get(10, TimeUnit.SECONDS));
        refuseCalls = true;
        assertFalse(load.call().get(10, TimeUnit.SECONDS));
        assertEquals("Bearer tok|null|application/json", seen.get(0));
        assertEquals("Bearer tok|s-1|application/json", seen.get(seen.size() - 1));
    }
}
