package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching alone, with a timer the test fires by hand. */
class BatchedDeletesTest {
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<List<String>> sent = new ArrayList<>();
    private final BatchedDeletes deletes = new BatchedDeletes(2, 3, (ms, task) -> {
        delays.add(ms);
        timers.add(task);
    }, sent::add);

    @Test
    void keysAddedBeforeTheTimerFiresGoOutAsOneDelete() {
        deletes.add("a");
        deletes.add("b");
        assertEquals(List.of(), sent, "nothing is sent before the timer");
        assertEquals(List.of(2L), delays, "only the batch's first key starts a timer");

        timers.get(0).run();
        assertEquals(List.of(List.of("a", "b")), sent);
    }

    @Test
    void aFullBatchGoesOutAtOnceAndItsTimerThenFindsNothing() {
        deletes.add("a");
        deletes.add("b");
        deletes.add("c");
        assertEquals(List.of(List.of("a", "b", "c")), sent);

        timers.get(0).run();
        assertEquals(1, sent.size(), "no empty delete");
    }

    @Test
    void aKeyAfterAFullBatchStartsTheNextBatchWithATimerOfItsOwn() {
        for (String k : List.of("a", "b", "c", "d")) {
            deletes.add(k);
        }
        assertEquals(2, timers.size());
        timers.get(0).run(); // the first batch's timer fires late: it sends what is there now
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d")), sent);
        timers.get(1).run();
        assertEquals(2, sent.size());
    }
}
