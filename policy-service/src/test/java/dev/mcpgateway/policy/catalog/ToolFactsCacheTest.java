package dev.mcpgateway.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback that answers like catalog-service's GET /api/tools. */
class ToolFactsCacheTest {

    @Test
    void factsComeFromTheCatalogAndSurviveItsOutage() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/tools", ex -> {
            query.set(ex.getRequestURI().getQuery());
            byte[] body = """
                    {"items":[{"server":"smartlead","name":"smartlead_delete_campaign","title":"Delete","description":"",
                               "category":"destructive","risk":"critical"},
                              {"server":"smartlead","name":"smartlead_list_campaigns","category":"read","risk":"low",
                               "status":"active"},
                              {"server":"smartlead","name":"smartlead_update_campaign","category":"write","risk":"medium",
                               "status":"changed"}],
                     "total":3,"page":0,"size":500}""".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            ToolFactsCache cache = new ToolFactsCache(new CatalogClient(base, Duration.ofSeconds(2)), Runnable::run);
            // First sight of a server triggers a fetch (run inline here); the call itself answers from memory.
            assertEquals(ToolFacts.UNKNOWN, cache.facts("smartlead", "smartlead_delete_campaign"));
            assertEquals(new ToolFacts("critical", "destructive"), cache.facts("smartlead", "smartlead_delete_campaign"));
            assertEquals(new ToolFacts("low", "read"), cache.facts("smartlead", "smartlead_list_campaigns"));
            // status "changed": a definition change no operator accepted yet (for deny_changed_tools).
            assertEquals(new ToolFacts("medium", "write", true), cache.facts("smartlead", "smartlead_update_campaign"));
            assertFalse(cache.facts("smartlead", "smartlead_list_campaigns").changed());
            assertEquals(ToolFacts.UNKNOWN, cache.facts("smartlead", "not_in_catalog"));
            assertTrue(query.get().contains("server=smartlead") && query.get().contains("size=500"), query.get());
            assertTrue(cache.reachable());
        } finally {
            server.stop(0);
        }
        ToolFactsCache cache2 = new ToolFactsCache(new CatalogClient(URI.create("http://127.0.0.1:1"),
                Duration.ofMillis(500)), Runnable::run);
        assertEquals(ToolFacts.UNKNOWN, cache2.facts("smartlead", "x"));
        assertFalse(cache2.reachable());
    }
}
