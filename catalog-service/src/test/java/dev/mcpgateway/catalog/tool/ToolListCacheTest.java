package dev.mcpgateway.catalog.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolListCacheTest {

    private static ToolFilter filter(String text, int page) {
        return new ToolFilter(Optional.of("smartlead"), Optional.empty(), Optional.of(Risk.HIGH), Optional.empty(),
                Optional.ofNullable(text), page, 200);
    }

    private static ToolListCache.Listing listing(String body) {
        return ToolListCache.Listing.of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerIsServedForItsVersionAndQueryOnly() {
        ToolListCache cache = new ToolListCache(16, Duration.ofMinutes(1));
        long v = cache.version();
        cache.put(v, filter("Campaign", 0), listing("{\"a\":1}"));
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), cache.get(v, filter("campaign", 0)).orElseThrow().body(),
                "the text search is case-insensitive, so is the key");
        assertTrue(cache.get(v, filter("campaign", 1)).isEmpty(), "another page is another answer");
        assertTrue(cache.get(v, filter(null, 0)).isEmpty());
    }

    @Test
    void aWriteRetiresEveryAnswerIncludingOneComputedBeforeItAndStoredAfter() {
        ToolListCache cache = new ToolListCache(16, Duration.ofMinutes(1));
        long before = cache.version();
        cache.put(before, filter(null, 0), listing("old"));
        cache.invalidate();
        assertTrue(cache.get(cache.version(), filter(null, 0)).isEmpty());
        assertEquals(0, cache.size(), "old entries are dropped, not just unreachable");
        // A list whose query started before the write and finished after it lands under the old version: never served.
        cache.put(before, filter(null, 0), listing("read before the write"));
        assertTrue(cache.get(cache.version(), filter(null, 0)).isEmpty());
    }

    @Test
    void theCacheIsBoundedAndAnswersExpire() throws InterruptedException {
        ToolListCache bounded = new ToolListCache(3, Duration.ofMinutes(1));
        for (int page = 0; page < 50; page++) {
            bounded.put(0, filter(null, page), listing("p" + page));
        }
        assertTrue(bounded.size() <= 3, "size " + bounded.size());
        ToolListCache shortLived = new ToolListCache(16, Duration.ofMillis(50));
        shortLived.put(0, filter(null, 0), listing("x"));
        Thread.sleep(150);
        assertTrue(shortLived.get(0, filter(null, 0)).isEmpty(), "another replica's write is seen after the TTL");
    }

    @Test
    void theEtagIsAStrongHashOfTheBytes() {
        String a = listing("{\"items\":[]}").etag();
        assertEquals(a, listing("{\"items\":[]}").etag());
        assertNotEquals(a, listing("{\"items\":[1]}").etag());
        assertTrue(a.startsWith("\"") && a.endsWith("\"") && !a.startsWith("W/"), a);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndTakesListsAndStar() {
        String etag = "\"abc\"";
        assertTrue(ToolListCache.matches("\"abc\"", etag));
        assertTrue(ToolListCache.matches("W/\"abc\"", etag));
        assertTrue(ToolListCache.matches("\"x\", \"abc\"", etag));
        assertTrue(ToolListCache.matches("*", etag));
        assertFalse(ToolListCache.matches("\"abcd\"", etag));
        assertFalse(ToolListCache.matches("abc", etag));
        assertFalse(ToolListCache.matches("", etag));
        assertFalse(ToolListCache.matches(null, etag));
    }

    @Test
    void noCacheAndMaxAgeZeroBypassTheCache() {
        assertTrue(ToolResource.noCache("no-cache"));
        assertTrue(ToolResource.noCache("max-age=0"));
        assertTrue(ToolResource.noCache("private, No-Cache"));
        assertFalse(ToolResource.noCache("max-age=60"));
        assertFalse(ToolResource.noCache(null));
    }
}
