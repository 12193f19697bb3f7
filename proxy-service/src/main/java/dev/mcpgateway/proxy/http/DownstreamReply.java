package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import dev.mcpgateway.proxy.stream.EventStream;
import dev.mcpgateway.proxy.stream.Sse;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The answer to one POST. Starts undecided: a single response goes out as {@code application/json};
 * as soon as the upstream sends something before the response (progress, logging, its own request),
 * the reply becomes a {@code text/event-stream} and every message is relayed as it arrives. All writes
 * happen on the request's Vert.x context, whichever thread the upstream or policy answer came on.
 *
 * <p>Within a session the stream is resumable ({@link EventStream}): events carry ids, and messages
 * that arrive after the client's connection dropped are kept for a GET with {@code Last-Event-ID}.
 * The stream is only created when the reply turns into one: a plain JSON answer costs nothing extra.
 */
public final class DownstreamReply implements Reply {

    private enum State { PENDING, STREAMING, ENDED }

    private final HttpServerResponse response;
    private final Context context;
    private final boolean mayStream;
    private final List<byte[]> held = new ArrayList<>(0);
    private Supplier<EventStream> streams;
    private EventStream stream;
    private State state = State.PENDING;

    /** @param mayStream false to hold interim messages until the response (initialize: headers come last) */
    public DownstreamReply(HttpServerResponse response, Context context, boolean mayStream) {
        this.response = response;
        this.context = context;
        this.mayStream = mayStream;
    }

    public static DownstreamReply current(HttpServerResponse response, boolean mayStream) {
        return new DownstreamReply(response, Vertx.currentContext(), mayStream);
    }

    /** Makes the reply resumable: {@code streams} opens its stream if it becomes one. */
    public DownstreamReply resumable(Supplier<EventStream> streams) {
        this.streams = streams;
        return this;
    }

    /** A message before the response. */
    @Override
    public void interim(byte[] message) {
        onContext(() -> {
            if (state == State.ENDED) {
                return;
            }
            if (!mayStream) {
                held.add(message);
                return;
            }
            startStream();
            writeEvent(message);
        });
    }

    /** The response; ends the reply. {@code header} may be null. */
    @Override
    public void respond(byte[] message, String headerName, String headerValue) {
        onContext(() -> {
            if (state == State.ENDED || (response.closed() && stream == null)) {
                state = State.ENDED;
                return;
            }
            if (headerName != null && state == State.PENDING) {
                response.putHeader(headerName, headerValue);
            }
            if (state == State.PENDING && held.isEmpty()) {
                state = State.ENDED;
                if (!response.closed()) {
                    response.setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(message));
                }
                return;
            }
            startStream();
            held.forEach(this::writeEvent);
            held.clear();
            writeEvent(message);
            endStream();
        });
    }

    /** The message was a notification or response the upstream accepted. */
    @Override
    public void accepted() {
        onContext(() -> {
            if (state != State.PENDING || response.closed()) {
                return;
            }
            state = State.ENDED;
            response.setStatusCode(202).end();
        });
    }

    /** An error: with its HTTP status if nothing was sent yet, else as the last event of the stream. */
    @Override
    public void error(McpError error) {
        onContext(() -> {
            if (state == State.ENDED || (response.closed() && stream == null)) {
                state = State.ENDED;
                return;
            }
            if (state == State.STREAMING) {
                writeEvent(JsonRpcErrors.render(error));
                endStream();
                return;
            }
            state = State.ENDED;
            Responses.error(response, error);
        });
    }

    @Override
    public boolean clientGone() {
        return response.closed();
    }

    private void startStream() {
        if (state == State.PENDING) {
            state = State.STREAMING;
            if (!response.closed()) {
                response.setStatusCode(200).setChunked(true)
                        .putHeader("Content-Type", "text/event-stream")
                        .putHeader("Cache-Control", "no-cache");
            }
            if (streams != null) {
                stream = streams.get();
                stream.attach(response);
            }
        }
    }

    private void writeEvent(byte[] message) {
        if (stream != null) {
            stream.emit(message);
        } else if (!response.closed()) {
            response.write(Sse.event(null, null, message));
        }
    }

    private void endStream() {
        state = State.ENDED;
        if (stream != null) {
            stream.finish();
        } else if (!response.closed()) {
            response.end();
        }
    }

    private void onContext(Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
