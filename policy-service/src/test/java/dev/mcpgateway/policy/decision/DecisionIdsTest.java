package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {
    @Test
    void idsAreVersion7TimeOrderedAndStrictlyIncreasingEvenWhenTheClockStandsStillOrStepsBack() {
        long[] now = {1_700_000_000_000L};
        DecisionIds ids = new DecisionIds(() -> now[0]);
        UUID prev = ids.next();
        assertEquals(7, prev.version());
        assertEquals(2, prev.variant());
        assertEquals(now[0], prev.getMostSignificantBits() >>> 16, "the first 48 bits are the Unix milliseconds");
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                now[0] -= 1_000; // clock steps back
            }
            UUID next = ids.next();
            assertTrue(Long.compareUnsigned(next.getMostSignificantBits(), prev.getMostSignificantBits()) > 0);
            assertTrue(next.toString().compareTo(prev.toString()) > 0, "string order is time order");
            prev = next;
        }
    }
}
