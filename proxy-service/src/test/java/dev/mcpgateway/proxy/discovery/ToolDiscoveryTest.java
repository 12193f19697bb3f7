package dev.mcpgateway.proxy.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.upstream.SseParser;
import dev.mcpgateway.proxy.upstream.UpstreamCall;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import dev.mcpgateway.proxy.validation.FakeCatalog;
import dev.mcpgateway.proxy.validation.ToolSchemas;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery against a scripted upstream and a real HTTP catalog stand-in: when it reports, and what it survives. */
class ToolDiscoveryTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);

    private final FakeCatalog catalog;
    private final ScriptedUpstream alpha = new ScriptedUpstream("alpha");
    private final ScriptedUpstream beta = new ScriptedUpstream("beta");
    private final ToolSchemas schemas = new ToolSchemas(null);
    private final ToolDiscovery discovery;

    ToolDiscoveryTest() throws Exception {
        catalog = new FakeCatalog();
        Map<String, List<UpstreamTransport>> endpoints = Map.of("alpha", List.of(alpha), "beta", List.of(beta),
                "suite", List.of(alpha, beta));
        discovery = new ToolDiscovery(e -> endpoints.getOrDefault(e, List.of()), new ToolListFetcher("2025-11-25"),
                new CatalogReports(catalog.url(), Duration.ofSeconds(1)), schemas, INTERVAL);
    }

    @AfterEach
    void stop() {
        discovery.close();
        catalog.close();
    }

    @Test
    void firstSessionReportsTheWholeListOnceAllPagesJoined() throws Exception {
        discovery.sessionOpened("alpha");
        discovery.sessionOpened("alpha");
        discovery.sessionOpened("alpha");
        await(() -> catalog.reportsOf("alpha").size() == 1);
        Thread.sleep(INTERVAL.toMillis() * 3);
        assertEquals(1, catalog.reportsOf("alpha").size(), "later sessions do not report again");
        JsonNode body = Json.MAPPER.readTree(catalog.reportsOf("alpha").get(0));
        assertEquals(List.of("alpha_a", "alpha_b"), names(body.path("tools")), "both pages");
        assertEquals(1, alpha.initializes.get(), "one discovery session of the gateway's own");
        assertEquals(1, alpha.terminated.get(), "and it is ended");
        assertNotNull(schemas.find("alpha", "alpha_b").await().indefinitely(), "the live schemas are known too");
    }

    @Test
    void listChangedReportsAgainWithTheNewList() throws Exception {
        discovery.sessionOpened("alpha");
        await(() -> catalog.reportsOf("alpha").size() == 1);
        alpha.tools = List.of("alpha_a", "alpha_c");
        discovery.observe("alpha", message("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"));
        await(() -> catalog.reportsOf("alpha").size() == 2);
        assertEquals(List.of("alpha_a", "alpha_c"), names(Json.MAPPER.readTree(catalog.reportsOf("alpha").get(1)).path("tools")));
        assertEquals(null, schemas.find("alpha", "alpha_b").await().indefinitely(), "a removed tool is forgotten");
    }

    @Test
    void aStreamEventAnnouncingAChangeCountsToo() throws Exception {
        discovery.sessionOpened("alpha");
        await(() -> catalog.reportsOf("alpha").size() == 1);
        discovery.observe("alpha", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
        discovery.observe("alpha", "not json at all, mentioning notifications/tools/list_changed");
        Thread.sleep(INTERVAL.toMillis() * 2);
        assertEquals(1, catalog.reportsOf("alpha").size(), "other events change nothing");
        discovery.observe("alpha", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
        await(() -> catalog.reportsOf("alpha").size() == 2);
    }

    @Test
    void aBurstOfChangesIsReportedAtMostOncePerInterval() throws Exception {
        discovery.sessionOpened("alpha");
        await(() -> catalog.reportsOf("alpha").size() == 1);
        long start = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            discovery.listChanged("alpha");
        }
        await(() -> catalog.reportsOf("alpha").size() == 2);
        Thread.sleep(INTERVAL.toMillis() * 2);
        assertEquals(2, catalog.reportsOf("alpha").size(), "twenty notifications, one more report");
        assertTrue(System.currentTimeMillis() - start >= INTERVAL.toMillis() / 2, "not sooner than the interval allows");
    }

    @Test
    void aVirtualServerReportsEachRealUpstreamUnderItsOwnName() throws Exception {
        discovery.sessionOpened("suite");
        await(() -> catalog.reportsOf("alpha").size() == 1 && catalog.reportsOf("beta").size() == 1);
        assertEquals(List.of("beta_a", "beta_b"), names(Json.MAPPER.readTree(catalog.reportsOf("beta").get(0)).path("tools")));
        assertTrue(catalog.reportsOf("suite").isEmpty());
    }

    @Test
    void aFailingCatalogIsRetriedLaterAndNeverBlocksTheCaller() throws Exception {
        catalog.failing = true;
        long before = System.nanoTime();
        discovery.sessionOpened("alpha");
        assertTrue(System.nanoTime() - before < Duration.ofMillis(200).toNanos(), "the trigger returns at once");
        await(() -> catalog.refused.get() >= 1);
        catalog.failing = false;
        await(() -> catalog.reportsOf("alpha").size() == 1);
        assertEquals(1, alpha.initializes.get(), "the list read before is reported; the upstream is not asked again");
    }

    @Test
    void anUpstreamThatFailsIsAskedAgainLater() throws Exception {
        alpha.down = true;
        discovery.sessionOpened("alpha");
        await(() -> alpha.initializes.get() >= 1);
        alpha.down = false;
        await(() -> catalog.reportsOf("alpha").size() == 1);
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> names(JsonNode tools) {
        return java.util.stream.StreamSupport.stream(tools.spliterator(), false).map(t -> t.path("name").asText()).toList();
    }

    private static UpstreamMessage message(String json) {
        try {
            return new UpstreamMessage((ObjectNode) Json.MAPPER.readTree(json), json.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            Thread.sleep(20);
        }
    }

    /** An in-memory MCP server: two pages of tools named {name}_x, sessions, and a switch to be down. */
    static final class ScriptedUpstream implements UpstreamTransport {
        final String name;
        volatile List<String> tools;
        volatile boolean down;
        final AtomicInteger initializes = new AtomicInteger();
        final AtomicInteger terminated = new AtomicInteger();
        final List<String> methods = new CopyOnWriteArrayList<>();

        ScriptedUpstream(String name) {
            this.name = name;
            this.tools = List.of(name + "_a", name + "_b");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
            if (down) {
                initializes.incrementAndGet();
                return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", 0));
            }
            JsonNode msg;
            try {
                msg = Json.MAPPER.readTree(call.body());
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
            String method = msg.path("method").asText();
            methods.add(method);
            if (!msg.has("id")) {
                return Uni.createFrom().item(new UpstreamReply(null, call.sessionId(), 0));
            }
            ObjectNode result = Json.object();
            switch (method) {
                case "initialize" -> {
                    initializes.incrementAndGet();
                    result.put("protocolVersion", "2025-06-18");
                }
                case "tools/list" -> {
                    // Page 1 holds the first tool, page 2 the rest: discovery must follow nextCursor.
                    boolean second = "p2".equals(msg.path("params").path("cursor").asText(null));
                    List<String> page = second ? tools.subList(1, tools.size()) : tools.subList(0, 1);
                    page.forEach(t -> {
                        ObjectNode tool = result.withArray("tools").addObject();
                        tool.put("name", t);
                        tool.putObject("inputSchema").put("type", "object");
                    });
                    if (!second) {
                        result.put("nextCursor", "p2");
                    }
                }
                default -> { }
            }
            ObjectNode response = Json.object();
            response.put("jsonrpc", "2.0");
            response.set("id", msg.get("id"));
            response.set("result", result);
            return Uni.createFrom().item(new UpstreamReply(new UpstreamMessage(response, Json.bytes(response)),
                    "initialize".equals(method) ? "discovery-session" : call.sessionId(), 0));
        }

        @Override
        public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<Void> terminate(String sessionId, String protocolVersion) {
            terminated.incrementAndGet();
            return Uni.createFrom().voidItem();
        }
    }
}
