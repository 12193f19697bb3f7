package dev.mcpgateway.proxy.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events. A message with line breaks becomes several {@code data:} lines, as SSE requires. */
public final class Sse {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private Sse() {
    }

    public static Buffer event(String id, String eventType, byte[] data) {
        Buffer b = Buffer.buffer(data.length + 32);
        if (id != null) {
            b.appendString("id: ").appendString(id).appendString("\n");
        }
        if (eventType != null && !"message".equals(eventType)) {
            b.appendString("event: ").appendString(eventType).appendString("\n");
        }
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
                b.appendBytes(DATA).appendBytes(data, start, end - start).appendString("\n");
                start = i + 1;
            }
        }
        return b.appendString("\n");
    }

    /** One resumable event: its gateway id and the message. */
    public static Buffer event(EventStream.Event e) {
        return event(e.id(), null, e.data());
    }

    public static Buffer retry(long retryMs) {
        return Buffer.buffer("retry: " + retryMs + "\n\n");
    }
}
