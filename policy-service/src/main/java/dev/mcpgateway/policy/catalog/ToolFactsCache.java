package dev.mcpgateway.policy.catalog;

import dev.mcpgateway.policy.evaluate.ToolFacts;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Tool facts from catalog-service, held in memory. Decide only reads the map: fetching happens in
 * the background (periodically, and once when an unknown server is first seen), so a slow or
 * unreachable catalog never delays a decision; the facts are then simply empty.
 */
public class ToolFactsCache implements ToolFactsSource {
    private static final Logger LOG = Logger.getLogger(ToolFactsCache.class);

    private final CatalogClient client;
    private final Executor executor;
    private final Map<String, Map<String, ToolFacts>> byServer = new ConcurrentHashMap<>();
    /** Servers to refresh; a server is added when first asked about. */
    private final Map<String, Boolean> servers = new ConcurrentHashMap<>();
    /** Servers with a change-triggered refresh queued and not yet started: a burst of events costs one fetch. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean reachable;

    public ToolFactsCache(CatalogClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    @Override
    public ToolFacts facts(String server, String tool) {
        Map<String, ToolFacts> tools = byServer.get(server);
        if (tools == null) {
            if (servers.putIfAbsent(server, Boolean.TRUE) == null) {
                executor.execute(() -> refresh(server));
            }
            return ToolFacts.UNKNOWN;
        }
        ToolFacts f = tools.get(tool);
        return f == null ? ToolFacts.UNKNOWN : f;
    }

    public void track(String server) {
        servers.putIfAbsent(server, Boolean.TRUE);
    }

    /** Refreshes every tracked server; called by the scheduler. */
    public void refreshAll() {
        for (String s : servers.keySet()) {
            refresh(s);
        }
    }

    /**
     * Fetches a tracked server's facts again soon, on the cache's executor: the same single thread as the periodic
     * refresh, so an older poll answer can never overwrite a newer one. Untracked servers are ignored (they are
     * fetched when first asked about).
     */
    public void refreshSoon(String server) {
        if (servers.containsKey(server) && pending.add(server)) {
            executor.execute(() -> {
                // Removed before the fetch: an event arriving during it queues another one.
                pending.remove(server);
                refresh(server);
            });
        }
    }

    /** {@link #refreshAll()} on the cache's executor. */
    public void refreshAllSoon() {
        executor.execute(this::refreshAll);
    }

    public void refresh(String server) {
        try {
            byServer.put(server, Map.copyOf(client.tools(server)));
            if (!reachable) {
                LOG.infof("catalog-service reachable: %d tools known for server '%s'", byServer.get(server).size(), server);
            }
            reachable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reachable) {
                LOG.warnf("catalog-service unreachable, keeping the last known tool facts: %s", e.toString());
            } else {
                LOG.debugf("catalog-service unreachable: %s", e.toString());
            }
            reachable = false;
        }
    }

    public boolean reachable() {
        return reachable;
    }
}
