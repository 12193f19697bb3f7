package dev.mcpgateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class McpLoadTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) sorted[i] = i + 1;
        assertEquals(50, McpLoad.pct(sorted, 50));
        assertEquals(99, McpLoad.pct(sorted, 99));
        assertEquals(100, McpLoad.pct(sorted, 99.9));
        assertEquals(1, McpLoad.pct(new long[] {1}, 99));
    }
}
