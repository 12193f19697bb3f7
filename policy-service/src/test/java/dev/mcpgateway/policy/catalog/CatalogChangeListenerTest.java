package dev.mcpgateway.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.evaluate.ToolFacts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Without a broker: what an event names, how refreshes are queued, and that no Kafka never blocks. */
class CatalogChangeListenerTest {

    /** Answers from memory and counts fetches per server. */
    static final class CountingClient extends CatalogClient {
        final List<String> fetched = new ArrayList<>();
        volatile String risk = "low";

        CountingClient() {
            super(URI.create("http://127.0.0.1:1"), Duration.ofMillis(100));
        }

        @Override
        public Map<String, ToolFacts> tools(String server) {
            fetched.add(server);
            return Map.of("t", new ToolFacts(risk, "write"));
        }
    }

    /** Runs tasks only when told: shows what was queued. */
    static final class ManualExecutor implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void anEventNamesItsServerByFieldOrByKey() {
        CatalogChangeListener l = new CatalogChangeListener("127.0.0.1:1", "t", Duration.ofSeconds(1),
                new ToolFactsCache(new CountingClient(), Runnable::run));
        assertEquals(Optional.of("smartlead"), l.server("x/y", bytes("{\"type\":\"override_applied\",\"server\":\"smartlead\"}")));
        assertEquals(Optional.of("hubspot"), l.server("hubspot/contacts_list", bytes("not json")));
        assertEquals(Optional.of("hubspot"), l.server("hubspot/contacts_list", null));
        assertEquals(Optional.empty(), l.server(null, bytes("{\"server\":\"\"}")));
        assertEquals(Optional.empty(), l.server("noslash", bytes("[]")));
    }

    @Test
    void refreshSoonFetchesATrackedServerOncePerBurstAndIgnoresOthers() {
        CountingClient client = new CountingClient();
        ManualExecutor executor = new ManualExecutor();
        ToolFactsCache cache = new ToolFactsCache(client, executor);
        cache.track("smartlead");
        cache.refreshSoon("smartlead");
        cache.refreshSoon("smartlead");
        cache.refreshSoon("never-asked-about");
        assertEquals(1, executor.queued.size(), "a burst of events for one server queues one fetch");
        executor.runAll();
        assertEquals(List.of("smartlead"), client.fetched);
        assertEquals(new ToolFacts("low", "write"), cache.facts("smartlead", "t"));

        client.risk = "critical";
        cache.refreshSoon("smartlead");
        executor.runAll();
        assertEquals(new ToolFacts("critical", "write"), cache.facts("smartlead", "t"));

        cache.refreshAllSoon();
        executor.runAll();
        assertEquals(List.of("smartlead", "smartlead", "smartlead"), client.fetched);
    }

    @Test
    void withoutABrokerStartAndCloseDoNotWaitAndFactsStillAnswer() {
        CountingClient client = new CountingClient();
        ToolFactsCache cache = new ToolFactsCache(client, Runnable::run);
        CatalogChangeListener l = new CatalogChangeListener("127.0.0.1:1", "mcp.catalog.changes", Duration.ofMillis(100), cache);
        long t0 = System.nanoTime();
        l.start();
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 1_000, "start does not wait for Kafka");
        assertEquals(ToolFacts.UNKNOWN, cache.facts("smartlead", "t")); // first sight: fetched (inline here)
        assertEquals(new ToolFacts("low", "write"), cache.facts("smartlead", "t"));
        assertFalse(l.assigned());
        t0 = System.nanoTime();
        l.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 6_000, "close does not hang on a missing broker");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
