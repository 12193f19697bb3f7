package dev.mcpgateway.proxy.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events. A message with line breaks becomes several {@code data:} lines, as SSE requires. */
final class Sse {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private Sse() {
    }

    static Buffer event(String id, String eventType, byte[] data) {
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

    static Buffer retry(long retryMs) {
        return Buffer.buffer("retry: " + retryMs + "\n\n");
    }
}
