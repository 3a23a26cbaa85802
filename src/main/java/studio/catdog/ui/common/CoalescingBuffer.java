package studio.catdog.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects values from any thread and hands them to the UI thread in batches, at most once per
 * interval (about 10 times a second by default). Producers never block and never post more than
 * one pending UI task, however fast they add.
 *
 * @param <T> the value type
 */
public final class CoalescingBuffer<T> {

    /** The default interval: about 10 UI updates a second. */
    public static final long DEFAULT_INTERVAL_MS = 100;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final TaskExecutor executor;
    private final long intervalMillis;
    private final Consumer<List<T>> consumer;

    /**
     * Creates a buffer.
     *
     * @param executor schedules the drains on the UI thread
     * @param intervalMillis the longest a value waits before the UI sees it
     * @param consumer receives each batch, in order, on the UI thread
     */
    public CoalescingBuffer(TaskExecutor executor, long intervalMillis, Consumer<List<T>> consumer) {
        this.executor = executor;
        this.intervalMillis = intervalMillis;
        this.consumer = consumer;
    }

    /**
     * Adds a value (any thread; never blocks).
     *
     * @param value the value
     */
    public void add(T value) {
        queue.add(value);
        if (scheduled.compareAndSet(false, true)) {
            executor.runOnUiAfter(this::drain, intervalMillis);
        }
    }

    /** Hands everything buffered so far to the consumer; runs on the UI thread. */
    public void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T v; (v = queue.poll()) != null; ) {
            batch.add(v);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
