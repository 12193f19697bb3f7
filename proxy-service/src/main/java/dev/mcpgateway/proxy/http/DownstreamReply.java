package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one POST. Starts undecided: a single response goes out as {@code application/json};
 * as soon as the upstream sends something before the response (progress, logging, its own request),
 * the reply becomes a {@code text/event-stream} and every message is relayed as it arrives. All writes
 * happen on the request's Vert.x context, whichever thread the upstream or policy answer came on.
 */
public final class DownstreamReply {

    private enum State { PENDING, STREAMING, ENDED }

    private final HttpServerResponse response;
    private final Context context;
    private final boolean mayStream;
    private final List<byte[]> held = new ArrayList<>(0);
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

    /** A message before the response. */
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
    public void respond(byte[] message, String headerName, String headerValue) {
        onContext(() -> {
            if (state == State.ENDED || response.closed()) {
                state = State.ENDED;
                return;
            }
            if (headerName != null && state == State.PENDING) {
                response.putHeader(headerName, headerValue);
            }
            if (state == State.PENDING && held.isEmpty()) {
                state = State.ENDED;
                response.setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(message));
                return;
            }
            startStream();
            held.forEach(this::writeEvent);
            held.clear();
            writeEvent(message);
            state = State.ENDED;
            response.end();
        });
    }

    public void respond(byte[] message) {
        respond(message, null, null);
    }

    /** The message was a notification or response the upstream accepted. */
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
    public void error(McpError error) {
        onContext(() -> {
            if (state == State.ENDED || response.closed()) {
                state = State.ENDED;
                return;
            }
            byte[] body = JsonRpcErrors.render(error);
            if (state == State.STREAMING) {
                writeEvent(body);
                state = State.ENDED;
                response.end();
                return;
            }
            state = State.ENDED;
            Responses.error(response, error);
        });
    }

    private void startStream() {
        if (state == State.PENDING) {
            state = State.STREAMING;
            response.setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
        }
    }

    private void writeEvent(byte[] message) {
        if (!response.closed()) {
            response.write(Sse.event(null, null, message));
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
