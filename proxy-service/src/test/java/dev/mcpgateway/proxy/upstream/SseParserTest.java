package dev.mcpgateway.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseParser.SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(1024, events::add);

    private void feed(String s) {
        parser.feed(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesEventsAcrossChunksWithAnyLineEnding() {
        feed("event: message\r\nda");
        feed("ta: {\"a\":1}\r\n\r\ndata: two\n\ndata: three\r\r");
        assertEquals(3, events.size());
        assertEquals("{\"a\":1}", events.get(0).data());
        assertEquals("message", events.get(0).event());
        assertEquals("two", events.get(1).data());
        assertEquals("three", events.get(2).data());
    }

    @Test
    void joinsMultiLineDataAndSkipsComments() {
        feed(": keep-alive\n\ndata: line1\ndata:line2\nid: 7\nretry: 1500\n\n");
        assertEquals(1, events.size());
        assertEquals("line1\nline2", events.get(0).data());
        assertEquals("7", events.get(0).id());
        assertEquals(1500L, events.get(0).retryMs());
    }

    @Test
    void aPrimingEventHasAnIdAndNoData() {
        feed("id: prime-1\ndata:\n\n");
        assertEquals("", events.get(0).data());
        assertEquals("prime-1", events.get(0).id());
        assertNull(events.get(0).retryMs());
    }

    @Test
    void anOversizedEventIsRefused() {
        assertThrows(IllegalStateException.class, () -> feed("data: " + "x".repeat(2000) + "\n\n"));
    }
}
