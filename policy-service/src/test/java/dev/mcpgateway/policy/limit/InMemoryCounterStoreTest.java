package dev.mcpgateway.policy.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryCounterStoreTest {
    private static final long T0 = 1_735_732_800_000L; // 2025-01-01T12:00:00Z, a minute boundary

    private static Charge charge(String counter, long windowStart, long amount, long max) {
        return new Charge(new CounterKey("p", counter, Window.MINUTE, Scope.GLOBAL, "*"), windowStart,
                windowStart + 60_000, amount, max, null);
    }

    @Test
    void reservationOverSeveralCountersIsAllOrNothing() {
        InMemoryCounterStore store = new InMemoryCounterStore();
        assertTrue(store.tryReserve(List.of(charge("b", T0, 3, 3))).granted());
        ReserveResult r = store.tryReserve(List.of(charge("a", T0, 1, 10), charge("b", T0, 1, 3)));
        assertFalse(r.granted());
        assertEquals(1, r.refused());
        assertEquals(0, store.current(new CounterKey("p", "a", Window.MINUTE, Scope.GLOBAL, "*"), T0),
                "the first counter was not charged");
    }

    @Test
    void releaseGivesBackOnlyInTheSameWindowAndEvictionForgetsEndedWindows() {
        InMemoryCounterStore store = new InMemoryCounterStore();
        CounterKey key = new CounterKey("p", "a", Window.MINUTE, Scope.GLOBAL, "*");
        List<Charge> first = List.of(charge("a", T0, 2, 5));
        store.tryReserve(first);
        store.release(first);
        assertEquals(0, store.current(key, T0));
        store.tryReserve(first);
        store.tryReserve(List.of(charge("a", T0 + 60_000, 1, 5)));
        store.release(first); // its window is over: nothing to give back in the new one
        assertEquals(1, store.current(key, T0 + 60_000));
        store.evictExpired(T0 + 120_000);
        assertEquals(0, store.size());
    }

    @Test
    void concurrentMultiCounterReservationsAreExactAndDoNotDeadlock() throws Exception {
        InMemoryCounterStore store = new InMemoryCounterStore();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean reversed = i % 2 == 0;
                results.add(pool.submit(() -> {
                    go.await();
                    List<Charge> cs = reversed ? List.of(charge("y", T0, 1, 25), charge("x", T0, 1, 1000))
                            : List.of(charge("x", T0, 1, 1000), charge("y", T0, 1, 25));
                    return store.tryReserve(cs).granted();
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Boolean> f : results) {
                granted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(25, granted);
            assertEquals(25, store.current(new CounterKey("p", "x", Window.MINUTE, Scope.GLOBAL, "*"), T0));
        } finally {
            pool.shutdownNow();
        }
    }
}
