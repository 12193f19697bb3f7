package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An upstream on the legacy HTTP+SSE transport (MCP 2024-11-05): the gateway GETs the SSE endpoint, the
 * first {@code endpoint} event names the URL to POST messages to, and every answer comes back as a
 * {@code message} event on that one stream. One stream per downstream session; when it drops, the next
 * message finds the session expired and {@code UpstreamSessions} connects and initializes again.
 */
public final class LegacySseUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(LegacySseUpstream.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final Vertx vertx;
    private final long timeoutMs;
    private final long connectTimeoutMs;
    private final int maxResponseBytes;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private record Connection(String handle, MessageSession session, HttpClientRequest stream) {
    }

    public LegacySseUpstream(String name, String url, Map<String, String> headers, HttpClient client, Vertx vertx,
                             long timeoutMs, long connectTimeoutMs, int maxResponseBytes) {
        this.name = name;
        this.url = URI.create(url);
        this.headers = Map.copyOf(headers);
        this.client = client;
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        if (call.sessionId() == null) {
            return connect().chain(c -> c.session().send(call, interim)
                    .map(r -> new UpstreamReply(r.response(), c.handle(), r.latencyMs()))
                    .onFailure().invoke(t -> close(c)));
        }
        Connection c = connections.get(call.sessionId());
        if (c == null || c.session().isClosed()) {
            return Uni.createFrom().failure(expired());
        }
        return c.session().send(call, interim);
    }

    @Override
    public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
        Connection c = sessionId == null ? null : connections.get(sessionId);
        return c == null || c.session().isClosed() ? Uni.createFrom().failure(expired())
                : Uni.createFrom().item(c.session().events());
    }

    @Override
    public Uni<Void> terminate(String sessionId, String protocolVersion) {
        Connection c = sessionId == null ? null : connections.get(sessionId);
        if (c != null) {
            close(c);
        }
        return Uni.createFrom().voidItem();
    }

    /** Opens the SSE stream and waits for its {@code endpoint} event. */
    private Uni<Connection> connect() {
        return Uni.createFrom().emitter(em -> {
            AtomicBoolean settled = new AtomicBoolean();
            String handle = "sse-" + randomHex();
            long timer = vertx.setTimer(connectTimeoutMs + timeoutMs, t -> {
                if (settled.compareAndSet(false, true)) {
                    em.fail(new UpstreamException(UpstreamException.Kind.TIMEOUT, "no endpoint event on the SSE stream", timeoutMs));
                }
            });
            RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                    .setConnectTimeout(connectTimeoutMs).putHeader("Accept", "text/event-stream");
            headers.forEach(o::putHeader);
            client.request(o).onComplete(ar -> {
                if (ar.failed()) {
                    if (settled.compareAndSet(false, true)) {
                        vertx.cancelTimer(timer);
                        em.fail(StreamableHttpUpstream.classify(ar.cause(), timeoutMs));
                    }
                    return;
                }
                HttpClientRequest req = ar.result();
                req.send().onComplete(rar -> {
                    if (rar.failed()) {
                        if (settled.compareAndSet(false, true)) {
                            vertx.cancelTimer(timer);
                            em.fail(StreamableHttpUpstream.classify(rar.cause(), timeoutMs));
                        }
                        return;
                    }
                    var resp = rar.result();
                    String ct = resp.getHeader("Content-Type");
                    if (resp.statusCode() != 200 || ct == null || !ct.toLowerCase().startsWith("text/event-stream")) {
                        resp.body();
                        if (settled.compareAndSet(false, true)) {
                            vertx.cancelTimer(timer);
                            em.fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                    "the SSE endpoint answered HTTP " + resp.statusCode(), timeoutMs));
                        }
                        return;
                    }
                    Connection[] conn = new Connection[1];
                    SseParser parser = new SseParser(maxResponseBytes, ev -> {
                        if ("endpoint".equals(ev.event()) && conn[0] == null) {
                            URI endpoint = url.resolve(ev.data().strip());
                            conn[0] = new Connection(handle, new MessageSession(name, (msg, onFailure) -> post(endpoint, msg, onFailure),
                                    vertx, timeoutMs, false), req);
                            connections.put(handle, conn[0]);
                            if (settled.compareAndSet(false, true)) {
                                vertx.cancelTimer(timer);
                                em.complete(conn[0]);
                            }
                        } else if ("message".equals(ev.event()) && conn[0] != null) {
                            onMessage(conn[0], ev.data());
                        }
                    });
                    resp.handler(buf -> {
                        try {
                            parser.feed(buf.getBytes());
                        } catch (IllegalStateException e) {
                            req.reset();
                        }
                    });
                    Runnable ended = () -> {
                        if (conn[0] != null) {
                            connections.remove(handle);
                            conn[0].session().close(new UpstreamException(UpstreamException.Kind.UNREACHABLE,
                                    "the upstream's SSE stream ended", timeoutMs));
                        } else if (settled.compareAndSet(false, true)) {
                            vertx.cancelTimer(timer);
                            em.fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                    "the SSE stream ended before its endpoint event", timeoutMs));
                        }
                    };
                    resp.endHandler(v -> ended.run());
                    resp.exceptionHandler(t -> ended.run());
                });
            });
        });
    }

    private void onMessage(Connection c, String data) {
        byte[] raw = data.getBytes(StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            if (node instanceof ObjectNode obj) {
                c.session().onMessage(obj, raw);
                return;
            }
        } catch (IOException ignored) {
            // logged below
        }
        LOG.infof("upstream %s: skipped an SSE message that is not a JSON object", name);
    }

    private void post(URI endpoint, byte[] message, Consumer<UpstreamException> onFailure) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.toString())
                .setConnectTimeout(connectTimeoutMs).setIdleTimeout(timeoutMs).putHeader("Content-Type", "application/json");
        headers.forEach(o::putHeader);
        client.request(o)
                .compose(req -> req.send(Buffer.buffer(message)))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        onFailure.accept(StreamableHttpUpstream.classify(ar.cause(), timeoutMs));
                    } else if (ar.result() == 404) {
                        onFailure.accept(expired());
                    } else if (ar.result() / 100 != 2) {
                        onFailure.accept(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                "the message endpoint answered HTTP " + ar.result(), timeoutMs));
                    }
                });
    }

    private void close(Connection c) {
        connections.remove(c.handle());
        c.session().close(new UpstreamException(UpstreamException.Kind.UNREACHABLE, "session closed", timeoutMs));
        c.stream().reset();
    }

    private UpstreamException expired() {
        return new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, "the upstream's SSE stream is gone", timeoutMs);
    }

    private static String randomHex() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
