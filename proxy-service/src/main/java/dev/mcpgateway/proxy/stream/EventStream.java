package dev.mcpgateway.proxy.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * One SSE stream of a session (the GET stream, or the stream of one POST), as the client can resume it:
 * each event gets the id {@code {stream key}.{sequence}}, the last {@code capacity} events are kept, and
 * the stream outlives the HTTP response that carried it, so a client whose connection dropped can GET
 * with {@code Last-Event-ID} and receive what it missed, and whatever follows, on the new connection.
 */
public final class EventStream {

    private final String key;
    private final int capacity;
    private final ArrayDeque<Event> buffer;
    private final Function<Event, Buffer> format;
    private long sequence;
    private HttpServerResponse sink;
    private boolean finished;
    private String upstreamLastEventId;

    /** One event as sent: its sequence and the JSON-RPC message it carried. */
    public record Event(String id, long sequence, byte[] data) {
    }

    EventStream(String key, int capacity, Function<Event, Buffer> format) {
        this.key = key;
        this.capacity = capacity;
        this.buffer = new ArrayDeque<>(Math.min(capacity, 16));
        this.format = format;
    }

    public String key() {
        return key;
    }

    /** Starts writing to {@code response} (after any replay); a closed response is dropped, the stream goes on. */
    public synchronized void attach(HttpServerResponse response) {
        attach(response, null);
    }

    /** As {@link #attach(HttpServerResponse)}; {@code onClose} also runs when the client goes away. */
    public synchronized void attach(HttpServerResponse response, Runnable onClose) {
        sink = response;
        response.closeHandler(v -> {
            detach(response);
            if (onClose != null) {
                onClose.run();
            }
        });
        if (finished) {
            end(response);
        }
    }

    /** Sends one message: numbered, kept for replay, written if a connection is attached. */
    public synchronized void emit(byte[] message) {
        if (finished) {
            return;
        }
        Event e = new Event(key + "." + (++sequence), sequence, message);
        if (buffer.size() == capacity) {
            buffer.removeFirst();
        }
        buffer.addLast(e);
        if (sink != null && !sink.closed()) {
            sink.write(format.apply(e));
        }
    }

    /** No more messages: the attached connection (if any) ends; later resumptions get the replay and end. */
    public synchronized void finish() {
        finished = true;
        if (sink != null) {
            end(sink);
            sink = null;
        }
    }

    /** Writes the events after {@code afterSequence} to {@code response}, then attaches it (or ends it if finished). */
    public synchronized void resume(HttpServerResponse response, long afterSequence, Runnable onClose) {
        for (Event e : buffer) {
            if (e.sequence() > afterSequence) {
                response.write(format.apply(e));
            }
        }
        attach(response, onClose);
    }

    public synchronized boolean finished() {
        return finished;
    }

    /** The upstream's own id of the last event relayed on this stream (for resuming upstream too). */
    public synchronized String upstreamLastEventId() {
        return upstreamLastEventId;
    }

    public synchronized void upstreamEventId(String id) {
        if (id != null) {
            upstreamLastEventId = id;
        }
    }

    private synchronized void detach(HttpServerResponse response) {
        if (sink == response) {
            sink = null;
        }
    }

    private static void end(HttpServerResponse r) {
        if (!r.ended() && !r.closed()) {
            r.end();
        }
    }
}
