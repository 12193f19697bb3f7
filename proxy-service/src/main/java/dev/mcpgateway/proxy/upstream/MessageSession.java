package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One MCP session over a channel that carries whole messages both ways with no request/response framing
 * of its own (stdio lines, the legacy HTTP+SSE transport). It matches responses to requests by id and
 * routes everything else the server sends: progress to the call that owns the token, other messages to
 * the session's event stream (the client's GET stream), or, when no one listens there, to a call in
 * flight, which is where a Streamable HTTP server would have sent them.
 *
 * <p>With {@code remapIds} (one channel shared by several downstream sessions) request ids and progress
 * tokens are replaced by gateway-unique ones on the way out and restored on the way back, so two agents
 * that both send id 1 cannot receive each other's answers.
 */
final class MessageSession {

    private static final Logger LOG = Logger.getLogger(MessageSession.class);

    /** Writes one message; reports a failure to write through {@code onFailure} (any thread). */
    @FunctionalInterface
    interface Wire {
        void write(byte[] message, Consumer<UpstreamException> onFailure);
    }

    private final String upstream;
    private final Wire wire;
    private final Vertx vertx;
    private final long timeoutMs;
    private final boolean remapIds;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<JsonNode, Pending> pending = new ConcurrentHashMap<>();
    private final Map<JsonNode, Pending> byProgressToken = new ConcurrentHashMap<>();
    private final BroadcastProcessor<SseParser.SseEvent> events = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile UpstreamException closed;

    MessageSession(String upstream, Wire wire, Vertx vertx, long timeoutMs, boolean remapIds) {
        this.upstream = upstream;
        this.wire = wire;
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.remapIds = remapIds;
    }

    boolean isClosed() {
        return closed != null;
    }

    /** Sends one message; a request completes with its response, anything else once written. */
    Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        return Uni.createFrom().emitter(em -> {
            UpstreamException c = closed;
            if (c != null) {
                em.fail(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, c.getMessage(), timeoutMs));
                return;
            }
            if (call.requestId() == null) {
                AtomicBoolean failed = new AtomicBoolean();
                wire.write(call.body(), e -> {
                    failed.set(true);
                    em.fail(e);
                });
                if (!failed.get()) {
                    em.complete(new UpstreamReply(null, null, 0));
                }
                return;
            }
            Pending p = new Pending(call.requestId(), interim, em, System.nanoTime());
            byte[] body = call.body();
            JsonNode key = call.requestId();
            if (remapIds) {
                key = Json.NODES.textNode("gw-" + sequence.incrementAndGet());
                body = remap(body, key, p);
            }
            p.key = key;
            pending.put(key, p);
            if (p.gatewayToken != null) {
                byProgressToken.put(p.gatewayToken, p);
            }
            p.armTimer();
            em.onTermination(p::forget);
            wire.write(body, p::fail);
        });
    }

    /** The server's messages outside any response: subscribe to receive what arrives from now on. */
    Multi<SseParser.SseEvent> events() {
        return events.onSubscription().invoke(s -> listeners.incrementAndGet())
                .onTermination().invoke(listeners::decrementAndGet);
    }

    /** One message from the server. */
    void onMessage(ObjectNode node, byte[] raw) {
        JsonNode method = node.get("method");
        if (method == null) {
            Pending p = pending.get(node.path("id"));
            if (p == null) {
                LOG.debugf("upstream %s answered id %s that no call waits for (timed out or cancelled); dropped",
                        upstream, node.get("id"));
                return;
            }
            if (remapIds) {
                node.set("id", p.originalId);
                raw = Json.bytes(node);
            }
            p.complete(new UpstreamMessage(node, raw));
            return;
        }
        if ("notifications/progress".equals(method.asText())) {
            Pending p = byProgressToken.get(node.path("params").path("progressToken"));
            if (p != null) {
                if (remapIds) {
                    ((ObjectNode) node.get("params")).set("progressToken", p.clientToken);
                    raw = Json.bytes(node);
                }
                p.interim(new UpstreamMessage(node, raw));
                return;
            }
        }
        if (listeners.get() > 0) {
            events.onNext(new SseParser.SseEvent(null, "message", new String(raw, StandardCharsets.UTF_8), null));
            return;
        }
        Iterator<Pending> inFlight = pending.values().iterator();
        if (inFlight.hasNext()) {
            inFlight.next().interim(new UpstreamMessage(node, raw));
            return;
        }
        if (node.has("id")) {
            // A server request no client can see: answer it, so the server does not wait forever.
            ObjectNode err = Json.object();
            err.put("jsonrpc", "2.0");
            err.set("id", node.get("id"));
            err.putObject("error").put("code", -32603)
                    .put("message", "the gateway has no open stream to the client to relay " + method.asText());
            wire.write(Json.bytes(err), e -> { });
        }
        LOG.debugf("upstream %s sent %s with no client listening; dropped", upstream, method.asText());
    }

    /** The channel is gone: every call in flight fails with {@code cause}; later sends see an expired session. */
    void close(UpstreamException cause) {
        if (closed != null) {
            return;
        }
        closed = cause;
        pending.values().forEach(p -> p.fail(cause));
        pending.clear();
        byProgressToken.clear();
        events.onComplete();
    }

    private byte[] remap(byte[] body, JsonNode key, Pending p) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(body);
            node.set("id", key);
            JsonNode meta = node.path("params").path("_meta");
            if (meta instanceof ObjectNode m && m.hasNonNull("progressToken")) {
                p.clientToken = m.get("progressToken");
                p.gatewayToken = Json.NODES.textNode("gwp-" + sequence.incrementAndGet());
                m.set("progressToken", p.gatewayToken);
            }
            return Json.bytes(node);
        } catch (java.io.IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "could not remap the request id", 0);
        }
    }

    /** A request waiting for its response. */
    private final class Pending {
        final JsonNode originalId;
        final Consumer<UpstreamMessage> interim;
        final UniEmitter<? super UpstreamReply> em;
        final long startNanos;
        final AtomicBoolean done = new AtomicBoolean();
        JsonNode key;
        JsonNode clientToken;
        JsonNode gatewayToken;
        volatile long timer = -1;

        Pending(JsonNode originalId, Consumer<UpstreamMessage> interim, UniEmitter<? super UpstreamReply> em, long startNanos) {
            this.originalId = originalId;
            this.interim = interim;
            this.em = em;
            this.startNanos = startNanos;
        }

        /** Idle timeout, as on HTTP: every message of the call restarts it. */
        void armTimer() {
            long old = timer;
            if (old >= 0) {
                vertx.cancelTimer(old);
            }
            timer = vertx.setTimer(timeoutMs, t -> fail(new UpstreamException(UpstreamException.Kind.TIMEOUT, "timed out", timeoutMs)));
        }

        void interim(UpstreamMessage m) {
            if (!done.get()) {
                armTimer();
                interim.accept(m);
            }
        }

        void complete(UpstreamMessage response) {
            if (done.compareAndSet(false, true)) {
                forget();
                em.complete(new UpstreamReply(response, null, (System.nanoTime() - startNanos) / 1_000_000));
            }
        }

        void fail(UpstreamException e) {
            if (done.compareAndSet(false, true)) {
                forget();
                em.fail(e);
            }
        }

        void forget() {
            done.set(true);
            if (key != null) {
                pending.remove(key, this);
            }
            if (gatewayToken != null) {
                byProgressToken.remove(gatewayToken, this);
            }
            long t = timer;
            if (t >= 0) {
                vertx.cancelTimer(t);
            }
        }
    }
}
