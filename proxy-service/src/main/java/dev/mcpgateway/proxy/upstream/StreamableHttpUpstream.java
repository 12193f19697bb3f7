package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** An upstream over MCP Streamable HTTP (2025-03-26 and later), on the shared non-blocking Vert.x client. */
public final class StreamableHttpUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(StreamableHttpUpstream.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final String name;
    private final String url;
    private final Map<String, String> headers;
    private final Supplier<HttpClient> clients;
    private final long idleTimeoutMs;
    private final long connectTimeoutMs;
    private final int maxResponseBytes;

    /** @param clients the client to use for a request made now (see {@link EventLoopHttpClients}) */
    public StreamableHttpUpstream(String name, String url, Map<String, String> headers,
                                  Supplier<HttpClient> clients,
                                  long idleTimeoutMs, long connectTimeoutMs, int maxResponseBytes) {
        this.name = name;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.clients = clients;
        this.idleTimeoutMs = idleTimeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        return Uni.createFrom().emitter(em -> {
            Exchange ex = new Exchange(call, interim, em, System.nanoTime());
            RequestOptions options = options(HttpMethod.POST, idleTimeoutMs);
            clients.get().request(options).onComplete(ar -> {
                if (ar.failed()) {
                    ex.fail(classify(ar.cause()));
                    return;
                }
                HttpClientRequest req = ar.result();
                ex.request = req;
                req.putHeader("Content-Type", "application/json");
                req.putHeader("Accept", "application/json, text/event-stream");
                putSessionHeaders(req, call.sessionId(), call.protocolVersion());
                req.send(Buffer.buffer(call.body())).onComplete(resp -> {
                    if (resp.failed()) {
                        ex.fail(classify(resp.cause()));
                    } else {
                        ex.onResponse(resp.result());
                    }
                });
            });
            em.onTermination(ex::cancelIfRunning);
        });
    }

    @Override
    public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
        return Uni.createFrom().<HttpClientResponse>emitter(em -> {
            // No idle timeout: the server-to-client stream may be quiet for a long time.
            clients.get().request(options(HttpMethod.GET, 0)).onComplete(ar -> {
                if (ar.failed()) {
                    em.fail(classify(ar.cause()));
                    return;
                }
                HttpClientRequest req = ar.result();
                req.putHeader("Accept", "text/event-stream");
                putSessionHeaders(req, sessionId, protocolVersion);
                if (lastEventId != null) {
                    req.putHeader("Last-Event-ID", lastEventId);
                }
                req.send().onComplete(resp -> {
                    if (resp.failed()) {
                        em.fail(classify(resp.cause()));
                    } else {
                        // Paused until the caller subscribes to the events, so none is lost in between.
                        resp.result().pause();
                        em.complete(resp.result());
                    }
                });
            });
        }).map(resp -> {
            int status = resp.statusCode();
            if (status == 405) {
                resp.resume();
                return null;
            }
            if (status == 404 && sessionId != null) {
                resp.resume();
                throw new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, "session ended upstream", 0);
            }
            String ct = resp.getHeader("Content-Type");
            if (status / 100 != 2 || ct == null || !ct.toLowerCase().startsWith("text/event-stream")) {
                resp.resume();
                throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                        "GET stream answered HTTP " + status + " " + (ct == null ? "" : ct), 0);
            }
            return Multi.createFrom().<SseParser.SseEvent>emitter(me -> {
                SseParser parser = new SseParser(maxResponseBytes, me::emit);
                resp.handler(buf -> {
                    try {
                        parser.feed(buf.getBytes());
                    } catch (IllegalStateException e) {
                        me.fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, e.getMessage(), 0));
                        resp.request().reset();
                    }
                });
                resp.endHandler(v -> me.complete());
                resp.exceptionHandler(t -> me.fail(classify(t)));
                me.onTermination(() -> resp.request().reset());
                resp.resume();
            });
        });
    }

    @Override
    public Uni<Void> terminate(String sessionId, String protocolVersion) {
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(em -> clients.get().request(options(HttpMethod.DELETE, idleTimeoutMs)).onComplete(ar -> {
            if (ar.failed()) {
                em.complete(null);
                return;
            }
            HttpClientRequest req = ar.result();
            putSessionHeaders(req, sessionId, protocolVersion);
            req.send().onComplete(resp -> {
                if (resp.succeeded()) {
                    resp.result().body().onComplete(b -> em.complete(null));
                } else {
                    em.complete(null);
                }
            });
        }));
    }

    private RequestOptions options(HttpMethod method, long idleMs) {
        RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(url).setConnectTimeout(connectTimeoutMs);
        if (idleMs > 0) {
            o.setIdleTimeout(idleMs);
        }
        headers.forEach(o::putHeader);
        return o;
    }

    private static void putSessionHeaders(HttpClientRequest req, String sessionId, String protocolVersion) {
        if (sessionId != null) {
            req.putHeader(SESSION_HEADER, sessionId);
        }
        if (protocolVersion != null) {
            req.putHeader(VERSION_HEADER, protocolVersion);
        }
    }

    private UpstreamException classify(Throwable t) {
        return classify(t, idleTimeoutMs);
    }

    /** Maps a Vert.x client failure to the kind of upstream fault the agent is told about. */
    static UpstreamException classify(Throwable t, long idleTimeoutMs) {
        if (t instanceof UpstreamException u) {
            return u;
        }
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return new UpstreamException(UpstreamException.Kind.TIMEOUT, "timed out", idleTimeoutMs);
        }
        if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
            return new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", idleTimeoutMs);
        }
        if (t instanceof UnknownHostException) {
            return new UpstreamException(UpstreamException.Kind.UNREACHABLE, "unknown host " + t.getMessage(), idleTimeoutMs);
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof IOException || msg.toLowerCase().contains("closed")) {
            return new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection failed: " + msg, idleTimeoutMs);
        }
        return new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, msg, idleTimeoutMs);
    }

    /** The state of one POST exchange: reads the answer as JSON or SSE until the response arrives. */
    private final class Exchange {
        final UpstreamCall call;
        final Consumer<UpstreamMessage> interim;
        final UniEmitter<? super UpstreamReply> em;
        final long startNanos;
        final AtomicBoolean done = new AtomicBoolean();
        volatile HttpClientRequest request;
        String sessionId;

        Exchange(UpstreamCall call, Consumer<UpstreamMessage> interim, UniEmitter<? super UpstreamReply> em, long startNanos) {
            this.call = call;
            this.interim = interim;
            this.em = em;
            this.startNanos = startNanos;
        }

        void onResponse(HttpClientResponse resp) {
            int status = resp.statusCode();
            sessionId = resp.getHeader(SESSION_HEADER);
            String ct = resp.getHeader("Content-Type");
            boolean sse = ct != null && ct.toLowerCase().startsWith("text/event-stream");
            resp.exceptionHandler(t -> fail(classify(t)));
            if (status == 404 && call.sessionId() != null) {
                resp.handler(b -> { });
                resp.endHandler(v -> { });
                fail(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, "session ended upstream", idleTimeoutMs));
                return;
            }
            if (status == 202 || status == 204) {
                resp.handler(b -> { });
                resp.endHandler(v -> complete(null));
                return;
            }
            if (status / 100 == 2 && sse) {
                SseParser parser = new SseParser(maxResponseBytes, this::onEvent);
                resp.handler(buf -> {
                    if (done.get()) {
                        return;
                    }
                    try {
                        parser.feed(buf.getBytes());
                    } catch (RuntimeException e) {
                        fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, e.getMessage(), idleTimeoutMs));
                    }
                });
                resp.endHandler(v -> {
                    if (call.requestId() == null) {
                        complete(null);
                    } else {
                        fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                "the event stream ended without a response to the request", idleTimeoutMs));
                    }
                });
                return;
            }
            Buffer body = Buffer.buffer();
            resp.handler(buf -> {
                if (body.length() + buf.length() > maxResponseBytes) {
                    fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                            "the response is larger than " + maxResponseBytes + " bytes", idleTimeoutMs));
                    return;
                }
                body.appendBuffer(buf);
            });
            resp.endHandler(v -> onBody(status, body.getBytes()));
        }

        void onBody(int status, byte[] bytes) {
            if (done.get()) {
                return;
            }
            ObjectNode node = parseObject(bytes);
            boolean isRpc = node != null && !node.has("method") && (node.has("result") || node.has("error"));
            if (status / 100 == 2) {
                if (call.requestId() == null) {
                    complete(null); // a notification answered with 200 and a body: accepted all the same
                } else if (isRpc) {
                    complete(new UpstreamMessage(node, bytes));
                } else {
                    fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                            bytes.length == 0 ? "an empty body" : "a body that is not a JSON-RPC response", idleTimeoutMs));
                }
                return;
            }
            if (isRpc && node.has("error") && call.requestId() != null) {
                // An upstream's own JSON-RPC error (often with id null on transport errors): relay it as the answer.
                node.set("id", call.requestId());
                complete(new UpstreamMessage(node, Json.bytes(node)));
                return;
            }
            fail(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "HTTP " + status, idleTimeoutMs));
        }

        void onEvent(SseParser.SseEvent ev) {
            if (done.get() || !"message".equals(ev.event()) || ev.data().isEmpty()) {
                return; // priming events (id only) and other event types carry no JSON-RPC message
            }
            byte[] raw = ev.data().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ObjectNode node = parseObject(raw);
            if (node == null) {
                LOG.debugf("upstream %s sent a non-JSON event; skipped", name);
                return;
            }
            UpstreamMessage msg = new UpstreamMessage(node, raw);
            if (msg.answers(call.requestId())) {
                complete(msg);
                request.reset(); // the answer is in; the upstream SHOULD close, do not wait for it
            } else {
                interim.accept(msg);
            }
        }

        void complete(UpstreamMessage response) {
            if (done.compareAndSet(false, true)) {
                em.complete(new UpstreamReply(response, sessionId, (System.nanoTime() - startNanos) / 1_000_000));
            }
        }

        void fail(UpstreamException e) {
            if (done.compareAndSet(false, true)) {
                em.fail(e);
                HttpClientRequest r = request;
                if (r != null) {
                    r.reset();
                }
            }
        }

        void cancelIfRunning() {
            if (done.compareAndSet(false, true)) {
                HttpClientRequest r = request;
                if (r != null) {
                    r.reset();
                }
            }
        }
    }

    private static ObjectNode parseObject(byte[] bytes) {
        try {
            JsonNode n = Json.MAPPER.readTree(bytes);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
