package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this JVM: exact under concurrency because every read-check-add happens under the
 * counter's own monitor. Reservations over several counters take one shared lock first and then
 * the counters' monitors; single-counter calls (the common case) never touch the shared lock, and
 * since they hold one monitor at a time no lock order can deadlock.
 */
public class InMemoryCounterStore implements CounterStore {

    private static final class Cell {
        long windowStart;
        long windowEnd;
        long count;
        /** Set under the monitor when evicted: a caller that raced with eviction must retry. */
        boolean dead;
    }

    private final ConcurrentHashMap<CounterKey, Cell> cells = new ConcurrentHashMap<>();
    private final Object multiLock = new Object();

    @Override
    public ReserveResult tryReserve(List<Charge> charges) {
        if (charges.isEmpty()) {
            return new ReserveResult(true, -1, -1, 0);
        }
        while (true) {
            ReserveResult r = charges.size() == 1 ? reserveOne(charges.get(0)) : reserveMany(charges);
            if (r != null) {
                return r;
            }
        }
    }

    private ReserveResult reserveOne(Charge c) {
        Cell cell = cell(c.key());
        synchronized (cell) {
            if (cell.dead) {
                return null;
            }
            roll(cell, c);
            if (cell.count + c.amount() > c.max()) {
                return new ReserveResult(false, 0, Math.max(0, c.max() - cell.count), cell.count);
            }
            cell.count += c.amount();
            return new ReserveResult(true, -1, c.max() - cell.count, 0);
        }
    }

    private ReserveResult reserveMany(List<Charge> charges) {
        Cell[] locked = new Cell[charges.size()];
        for (int i = 0; i < locked.length; i++) {
            locked[i] = cell(charges.get(i).key());
        }
        synchronized (multiLock) {
            return lockAndReserve(charges, locked, 0);
        }
    }

    /** Takes the monitors one by one (recursively), then checks and applies with all of them held. */
    private ReserveResult lockAndReserve(List<Charge> charges, Cell[] cells, int i) {
        if (i < cells.length) {
            synchronized (cells[i]) {
                return lockAndReserve(charges, cells, i + 1);
            }
        }
        for (Cell cell : cells) {
            if (cell.dead) {
                return null;
            }
        }
        // Two limits may share one counter: add up what each cell must absorb before checking.
        for (int k = 0; k < cells.length; k++) {
            roll(cells[k], charges.get(k));
        }
        for (int k = 0; k < cells.length; k++) {
            long pending = 0;
            for (int j = 0; j <= k; j++) {
                if (cells[j] == cells[k]) {
                    pending += charges.get(j).amount();
                }
            }
            Charge c = charges.get(k);
            if (cells[k].count + pending > c.max()) {
                long before = cells[k].count + pending - c.amount();
                return new ReserveResult(false, k, Math.max(0, c.max() - before), before);
            }
        }
        long remaining = Long.MAX_VALUE;
        for (int k = 0; k < cells.length; k++) {
            cells[k].count += charges.get(k).amount();
        }
        for (int k = 0; k < cells.length; k++) {
            remaining = Math.min(remaining, charges.get(k).max() - cells[k].count);
        }
        return new ReserveResult(true, -1, remaining, 0);
    }

    @Override
    public void release(List<Charge> charges) {
        for (int i = 0; i < charges.size(); i++) {
            Charge c = charges.get(i);
            Cell cell = cells.get(c.key());
            if (cell == null) {
                continue;
            }
            synchronized (cell) {
                if (!cell.dead && cell.windowStart == c.windowStart()) {
                    cell.count = Math.max(0, cell.count - c.amount());
                }
            }
        }
    }

    @Override
    public long current(CounterKey key, long windowStart) {
        Cell cell = cells.get(key);
        if (cell == null) {
            return 0;
        }
        synchronized (cell) {
            return !cell.dead && cell.windowStart == windowStart ? cell.count : 0;
        }
    }

    @Override
    public void evictExpired(long nowMillis) {
        cells.forEach((key, cell) -> {
            synchronized (cell) {
                if (cell.windowEnd <= nowMillis) {
                    cell.dead = true;
                    cells.remove(key, cell);
                }
            }
        });
    }

    int size() {
        return cells.size();
    }

    private Cell cell(CounterKey key) {
        Cell c = cells.get(key);
        return c != null ? c : cells.computeIfAbsent(key, k -> new Cell());
    }

    /** Starts a new window when the charge's window is later than the cell's. */
    private static void roll(Cell cell, Charge c) {
        if (c.windowStart() > cell.windowStart || cell.windowEnd == 0) {
            cell.windowStart = c.windowStart();
            cell.windowEnd = c.windowEnd();
            cell.count = 0;
        }
    }
}
