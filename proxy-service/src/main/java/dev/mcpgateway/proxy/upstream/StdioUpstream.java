package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An upstream that is a local process speaking MCP over stdio. Either one process per agent session
 * (initialize starts it, DELETE stops it) or one process shared by all sessions (initialized once by the
 * gateway; later sessions get the same initialize result; ids and progress tokens remapped).
 *
 * <p>The "upstream session id" is the gateway's handle on the process. When the process dies its calls
 * in flight fail, and the next message on that handle is "session expired", which makes
 * {@code UpstreamSessions} initialize again: a new process, started after a backoff if the last one died
 * young. So a crashing server is restarted without a restart storm, and the agent keeps its session.
 */
public final class StdioUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(StdioUpstream.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8);

    private final StdioProcess.Spec spec;
    private final Vertx vertx;
    private final long timeoutMs;
    private final int maxLineBytes;
    private final boolean perSession;
    private final Backoff backoff;
    private final Map<String, StdioProcess> processes = new ConcurrentHashMap<>();
    // Shared mode: the one process, its handle, and the initialize result every session gets.
    private volatile Uni<Shared> shared;

    private record Shared(String handle, StdioProcess process, ObjectNode initializeResult) {
    }

    public StdioUpstream(StdioProcess.Spec spec, boolean perSession, Vertx vertx, long timeoutMs, int maxLineBytes,
                         Backoff backoff) {
        this.spec = spec;
        this.perSession = perSession;
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.maxLineBytes = maxLineBytes;
        this.backoff = backoff;
    }

    @Override
    public String name() {
        return spec.upstream();
    }

    @Override
    public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        if (call.sessionId() == null) {
            return perSession ? initializeOwn(call, interim) : initializeShared(call);
        }
        StdioProcess p = processes.get(call.sessionId());
        if (p == null || !p.isAlive()) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED,
                    "the stdio process of this session is gone", timeoutMs));
        }
        if (!perSession && call.requestId() == null && isInitialized(call.body())) {
            // The shared process was initialized once, by the gateway; a second "initialized" would confuse it.
            return Uni.createFrom().item(new UpstreamReply(null, call.sessionId(), 0));
        }
        return p.session().send(call, interim);
    }

    private Uni<UpstreamReply> initializeOwn(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        return spawn().chain(p -> {
            String handle = newHandle();
            processes.put(handle, p);
            return p.session().send(call, interim)
                    .map(r -> new UpstreamReply(r.response(), handle, r.latencyMs()))
                    .onFailure().invoke(t -> {
                        processes.remove(handle);
                        p.stop();
                    });
        });
    }

    private Uni<UpstreamReply> initializeShared(UpstreamCall call) {
        JsonNode id = parse(call.body()).get("id");
        return sharedProcess(call).map(s -> {
            ObjectNode response = Json.object();
            response.put("jsonrpc", "2.0");
            response.set("id", id);
            response.set("result", s.initializeResult());
            return new UpstreamReply(new UpstreamMessage(response, Json.bytes(response)), s.handle(), 0);
        });
    }

    /** The shared process, started and initialized on first use and again after it died. */
    private synchronized Uni<Shared> sharedProcess(UpstreamCall initialize) {
        if (shared == null) {
            shared = startShared(initialize);
        }
        Uni<Shared> observed = shared;
        return observed.chain(s -> s.process().isAlive() ? Uni.createFrom().item(s) : restartShared(observed, initialize));
    }

    /** Concurrent callers that all found the process dead share one restart (the memoized Uni). */
    private synchronized Uni<Shared> restartShared(Uni<Shared> dead, UpstreamCall initialize) {
        if (shared == dead) {
            shared = startShared(initialize);
        }
        return shared;
    }

    private Uni<Shared> startShared(UpstreamCall initialize) {
        return spawn().chain(p -> p.session().send(initialize, m -> { }).map(reply -> {
                    UpstreamMessage r = reply.response();
                    if (r == null || !r.node().path("result").isObject()) {
                        p.stop();
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                r != null && r.node().has("error") ? "initialize failed: " + r.node().get("error")
                                        : "no answer to initialize", timeoutMs);
                    }
                    String handle = newHandle();
                    processes.put(handle, p);
                    p.session().send(new UpstreamCall(INITIALIZED, null, handle, null), m -> { })
                            .subscribe().with(ok -> { }, t -> LOG.warnf("upstream %s: initialized notification failed: %s",
                                    name(), t.getMessage()));
                    return new Shared(handle, p, (ObjectNode) r.node().get("result"));
                }))
                .onFailure().invoke(t -> {
                    synchronized (this) {
                        shared = null;
                    }
                })
                .memoize().indefinitely();
    }

    /** Starts a process, after the backoff if the previous one died young (off the event loop: fork blocks). */
    private Uni<StdioProcess> spawn() {
        Duration wait = backoff.delayBeforeStart();
        Uni<StdioProcess> start = Uni.createFrom().item(() -> StdioProcess.start(spec, vertx, timeoutMs, !perSession,
                        maxLineBytes, this::exited))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (wait.isZero()) {
            return start;
        }
        LOG.infof("upstream %s: waiting %d ms before starting the stdio process again", name(), wait.toMillis());
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> start);
    }

    private void exited(StdioProcess p) {
        if (!p.stoppedByGateway()) {
            backoff.exited(p.uptimeMs());
        }
        processes.values().remove(p);
    }

    @Override
    public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
        StdioProcess p = sessionId == null ? null : processes.get(sessionId);
        if (p == null || !p.isAlive()) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED,
                    "the stdio process of this session is gone", timeoutMs));
        }
        return Uni.createFrom().item(p.session().events());
    }

    @Override
    public Uni<Void> terminate(String sessionId, String protocolVersion) {
        if (perSession && sessionId != null) {
            StdioProcess p = processes.remove(sessionId);
            if (p != null) {
                p.stop();
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** Stops every process (gateway shutdown). */
    public void close() {
        processes.values().forEach(StdioProcess::stop);
        processes.clear();
    }

    /** Live processes (tests and metrics). */
    int liveProcesses() {
        return (int) processes.values().stream().filter(StdioProcess::isAlive).count();
    }

    private static boolean isInitialized(byte[] body) {
        // Cheap pre-check before parsing: only notifications are looked at, and only this one matters.
        String s = new String(body, StandardCharsets.UTF_8);
        return s.contains("notifications/initialized") && "notifications/initialized".equals(parse(body).path("method").asText());
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(body);
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "not a JSON object", 0);
        }
    }

    private static String newHandle() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "stdio-" + HexFormat.of().formatHex(b);
    }

    /** Exponential restart backoff: a process that dies young doubles the wait before the next start. */
    public static final class Backoff {
        private final long minMs;
        private final long maxMs;
        private final long healthyAfterMs;
        private int failures;
        private long notBeforeNanos;

        public Backoff(Duration min, Duration max, Duration healthyAfter) {
            this.minMs = min.toMillis();
            this.maxMs = max.toMillis();
            this.healthyAfterMs = healthyAfter.toMillis();
        }

        synchronized void exited(long uptimeMs) {
            if (uptimeMs >= healthyAfterMs) {
                failures = 0;
                notBeforeNanos = 0;
                return;
            }
            failures++;
            long delay = Math.min(maxMs, minMs << Math.min(failures - 1, 20));
            notBeforeNanos = System.nanoTime() + delay * 1_000_000;
        }

        synchronized Duration delayBeforeStart() {
            long wait = notBeforeNanos - System.nanoTime();
            return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
        }
    }
}
