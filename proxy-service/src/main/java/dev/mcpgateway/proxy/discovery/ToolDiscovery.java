package dev.mcpgateway.proxy.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import dev.mcpgateway.proxy.validation.ToolSchemas;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keeps catalog-service (and this instance's {@link ToolSchemas}) up to date with each real upstream's tool list:
 * read at the first session of the upstream on this instance and again after the upstream announces
 * {@code notifications/tools/list_changed}. Always in the background: the agent's call that triggered it never
 * waits. Per server at most one run per {@code interval}; triggers in between are folded into one later run, and a
 * failed run (upstream or catalog) is tried again, later each time, until it succeeds.
 */
public class ToolDiscovery {

    private static final Logger LOG = Logger.getLogger(ToolDiscovery.class);
    public static final String LIST_CHANGED = "notifications/tools/list_changed";
    private static final long MAX_RETRY_MS = Duration.ofMinutes(5).toMillis();

    private final Function<String, List<UpstreamTransport>> realUpstreams;
    private final ToolListFetcher fetcher;
    private final CatalogReports catalog;
    private final ToolSchemas schemas;
    private final long intervalMs;
    private final ScheduledExecutorService timer;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** What is known and pending about one real upstream. Guarded by itself. */
    private static final class State {
        final UpstreamTransport upstream;
        boolean fetched;          // a complete list was read at least once on this instance
        boolean needsFetch = true;
        ArrayNode unreported;     // read but not yet accepted by the catalog
        boolean running;
        boolean scheduled;
        long lastRunMs = Long.MIN_VALUE / 2;
        int failures;

        State(UpstreamTransport upstream) {
            this.upstream = upstream;
        }
    }

    /**
     * @param realUpstreams the real upstreams behind an endpoint name (itself, or a virtual server's members)
     * @param catalog       null: read lists for {@code schemas} only, report to no catalog
     */
    public ToolDiscovery(Function<String, List<UpstreamTransport>> realUpstreams, ToolListFetcher fetcher,
                         CatalogReports catalog, ToolSchemas schemas, Duration interval) {
        this.realUpstreams = realUpstreams;
        this.fetcher = fetcher;
        this.catalog = catalog;
        this.schemas = schemas;
        this.intervalMs = Math.max(1, interval.toMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tool-discovery");
            t.setDaemon(true);
            return t;
        });
        // A call that needs a schema of an upstream this instance never listed (e.g. a session opened on another
        // replica) starts discovery of that upstream, as a first session here would.
        schemas.whenUnknown(this::sessionOpened);
    }

    /** A session was opened on {@code endpoint}: report its upstreams' lists unless done already on this instance. */
    public void sessionOpened(String endpoint) {
        try {
            realUpstreams.apply(endpoint).forEach(this::firstSession);
        } catch (RuntimeException e) {
            LOG.debugf("tool discovery not started for %s: %s", endpoint, e.toString());
        }
    }

    /** Watches every message an upstream sends on an agent's session for {@code notifications/tools/list_changed}. */
    public void observe(String endpoint, UpstreamMessage message) {
        if (message != null && LIST_CHANGED.equals(message.node().path("method").asText(null))) {
            listChanged(endpoint);
        }
    }

    /** The same, for an event of a server-to-client stream (its data, not yet parsed). */
    public void observe(String endpoint, String eventData) {
        if (eventData == null || !eventData.contains(LIST_CHANGED)) {
            return; // the cheap test first: almost every event is something else
        }
        try {
            JsonNode node = dev.mcpgateway.proxy.jsonrpc.Json.MAPPER.readTree(eventData);
            if (LIST_CHANGED.equals(node.path("method").asText(null))) {
                listChanged(endpoint);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not JSON: not a notification; the relay itself deals with it.
        }
    }

    /** A {@code tools/list} response relayed to an agent on {@code endpoint}: its schemas are the freshest there are. */
    public void listRelayed(UpstreamTransport endpoint, JsonNode response) {
        schemas.learn(endpoint, response);
    }

    /** The upstream(s) behind {@code endpoint} changed their tools: read and report again. */
    public void listChanged(String endpoint) {
        try {
            refreshAll(endpoint);
        } catch (RuntimeException e) {
            // Never into the relay that noticed the notification (e.g. shutting down).
            LOG.debugf("tool discovery not started for %s: %s", endpoint, e.toString());
        }
    }

    private void refreshAll(String endpoint) {
        // A virtual server does not say which member changed: all of them are read again (each at most once per interval).
        for (UpstreamTransport u : realUpstreams.apply(endpoint)) {
            State s = state(u);
            synchronized (s) {
                s.needsFetch = true;
            }
            trigger(s);
        }
    }

    public void close() {
        timer.shutdownNow();
    }

    private void firstSession(UpstreamTransport upstream) {
        State s = state(upstream);
        synchronized (s) {
            if (s.fetched || s.running || s.scheduled) {
                return;
            }
        }
        trigger(s);
    }

    private State state(UpstreamTransport upstream) {
        return states.computeIfAbsent(upstream.name(), n -> new State(upstream));
    }

    /** Runs now, or once the interval since the last run has passed; never two at once for one server. */
    private void trigger(State s) {
        long delay;
        synchronized (s) {
            if (s.running || s.scheduled) {
                return; // the running or scheduled run picks this up (it re-checks needsFetch when done)
            }
            long backoff = s.failures == 0 ? intervalMs : Math.min(MAX_RETRY_MS, intervalMs << Math.min(s.failures - 1, 16));
            delay = Math.max(0, s.lastRunMs + backoff - System.currentTimeMillis());
            s.scheduled = true;
        }
        timer.schedule(() -> run(s), delay, TimeUnit.MILLISECONDS);
    }

    private void run(State s) {
        boolean fetch;
        ArrayNode pending;
        synchronized (s) {
            s.scheduled = false;
            s.running = true;
            s.lastRunMs = System.currentTimeMillis();
            fetch = s.needsFetch;
            s.needsFetch = false;
            pending = s.unreported;
        }
        String server = s.upstream.name();
        Uni<ArrayNode> tools = fetch
                ? fetcher.fetch(s.upstream).invoke(list -> {
                    schemas.replace(server, list);
                    synchronized (s) {
                        s.fetched = true;
                        s.unreported = catalog == null ? null : list;
                    }
                }).onFailure().invoke(t -> {
                    synchronized (s) {
                        s.needsFetch = true; // the list was not read: read it on the retry
                    }
                })
                : Uni.createFrom().item(pending);
        tools.chain(list -> list == null || catalog == null ? Uni.createFrom().voidItem()
                        : catalog.report(server, list).invoke(() -> {
                            synchronized (s) {
                                if (s.unreported == list) {
                                    s.unreported = null;
                                }
                            }
                            LOG.debugf("reported %d tools of %s to catalog-service", list.size(), server);
                        }))
                .subscribe().with(ok -> done(s, null), t -> done(s, t));
    }

    private void done(State s, Throwable failure) {
        boolean again;
        synchronized (s) {
            s.running = false;
            if (failure != null) {
                s.failures++;
            } else {
                s.failures = 0;
            }
            again = s.needsFetch || s.unreported != null;
        }
        if (failure != null) {
            LOG.warnf("tool discovery of %s failed (attempt %d, retrying later): %s", s.upstream.name(), s.failures,
                    failure.getMessage() == null ? CatalogReports.describe(failure) : failure.getMessage());
        }
        if (again) {
            trigger(s);
        }
    }
}
