package dev.mcpgateway.policy.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keys to delete, sent together: the first key of a batch starts a short timer, and the batch goes out as one
 * command when it fires or as soon as it is full. At thousands of Settles a second this turns one Redis command per
 * settled reservation into one per few milliseconds, for records nobody waits to see gone (a reservation settled
 * where it was decided: no other replica acts on its record). Keys not yet sent when the process stops expire by
 * themselves.
 */
final class BatchedDeletes {
    private final long delayMillis;
    private final int maxBatch;
    private final BiConsumer<Long, Runnable> timer;
    private final Consumer<List<String>> delete;
    private List<String> batch;

    /**
     * @param timer  runs the task once after the given milliseconds (a Vert.x timer: no thread of its own)
     * @param delete sends one delete of the given keys; never waits
     */
    BatchedDeletes(long delayMillis, int maxBatch, BiConsumer<Long, Runnable> timer, Consumer<List<String>> delete) {
        this.delayMillis = delayMillis;
        this.maxBatch = maxBatch;
        this.timer = timer;
        this.delete = delete;
        this.batch = new ArrayList<>(maxBatch);
    }

    void add(String key) {
        List<String> full = null;
        boolean first;
        synchronized (this) {
            batch.add(key);
            first = batch.size() == 1;
            if (batch.size() >= maxBatch) {
                full = batch;
                batch = new ArrayList<>(maxBatch);
            }
        }
        if (full != null) {
            delete.accept(full);
        } else if (first) {
            timer.accept(delayMillis, this::flush);
        }
    }

    /** Sends what has been collected; a timer that fires after its batch went out full finds less, or nothing. */
    void flush() {
        List<String> out;
        synchronized (this) {
            if (batch.isEmpty()) {
                return;
            }
            out = batch;
            batch = new ArrayList<>(maxBatch);
        }
        delete.accept(out);
    }
}
