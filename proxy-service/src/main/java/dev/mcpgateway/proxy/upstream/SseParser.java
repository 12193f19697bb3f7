package dev.mcpgateway.proxy.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser of a {@code text/event-stream} (the WHATWG EventSource rules): fed buffers as they
 * arrive, it emits one {@link SseEvent} per blank-line-terminated event. Handles LF, CRLF and CR line
 * ends, comments, multi-line data, and events split across buffers. Not thread-safe (one per stream).
 */
public final class SseParser {

    /** One dispatched event. {@code event} is "message" when the stream named none. */
    public record SseEvent(String id, String event, String data, Long retryMs) {
    }

    private final int maxEventBytes;
    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private String eventType;
    private String id;
    private Long retry;
    private boolean sawData;
    private boolean lastWasCr;
    private int eventBytes;

    public SseParser(int maxEventBytes, Consumer<SseEvent> sink) {
        this.maxEventBytes = maxEventBytes;
        this.sink = sink;
    }

    /** Feeds the next chunk of the stream. Throws {@link IllegalStateException} when one event is too large. */
    public void feed(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false; // the LF of a CRLF: the line already ended at the CR
                    continue;
                }
                endLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endLine();
            } else {
                lastWasCr = false;
                if (++eventBytes > maxEventBytes) {
                    throw new IllegalStateException("an event is larger than " + maxEventBytes + " bytes");
                }
                line.write(b);
            }
        }
    }

    private void endLine() {
        String l = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (l.isEmpty()) {
            dispatch();
            return;
        }
        if (l.charAt(0) == ':') {
            return; // comment (often a keep-alive)
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                data.append(value).append('\n');
                sawData = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "retry" -> {
                try {
                    retry = Long.parseLong(value);
                } catch (NumberFormatException ignored) {
                    // the spec says: ignore a retry field that is not all digits
                }
            }
            default -> {
                // unknown fields are ignored, as EventSource does
            }
        }
    }

    private void dispatch() {
        eventBytes = 0;
        if (!sawData && id == null && retry == null) {
            eventType = null;
            return;
        }
        String d = data.length() > 0 ? data.substring(0, data.length() - 1) : "";
        SseEvent ev = new SseEvent(id, eventType == null || eventType.isEmpty() ? "message" : eventType, d, retry);
        data.setLength(0);
        eventType = null;
        sawData = false;
        retry = null;
        // "id" persists across events per the spec (last event id), but each dispatched event reports its own.
        id = null;
        sink.accept(ev);
    }
}
