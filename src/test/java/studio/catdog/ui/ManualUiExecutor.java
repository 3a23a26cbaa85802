package studio.catdog.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import studio.catdog.ui.common.TaskExecutor;

/**
 * A UI thread the test drives by hand: UI actions wait in a queue until the test calls {@link #pump()}
 * on its own thread, which plays the FX thread. So a test sees exactly how many UI tasks the
 * ViewModels posted, and coalescing is exercised for real (unlike {@link CurrentThreadTaskExecutor},
 * which runs everything at once). Background work runs on a real thread.
 */
public final class ManualUiExecutor implements TaskExecutor, AutoCloseable {

    private final Deque<Runnable> ui = new ArrayDeque<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        return t;
    });
    private int posted;

    @Override
    public synchronized void runOnUi(Runnable action) {
        ui.add(action);
        posted++;
    }

    @Override
    public synchronized void runOnUiAfter(Runnable action, long delayMillis) {
        ui.add(action);
        posted++;
    }

    @Override
    public void runInBackground(Runnable action) {
        background.execute(action);
    }

    /** @return UI tasks waiting now */
    public synchronized int pending() {
        return ui.size();
    }

    /** @return UI tasks posted since creation */
    public synchronized int posted() {
        return posted;
    }

    /**
     * Runs every UI task queued now (and those they queue) on the calling thread.
     *
     * @return how many ran
     */
    public int pump() {
        int ran = 0;
        while (true) {
            Runnable next;
            synchronized (this) {
                next = ui.poll();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran++;
        }
    }

    /**
     * Pumps until a condition holds, failing loudly at the deadline.
     *
     * @param what the condition in words, for the failure message
     * @param condition checked after each pump
     * @param timeoutMillis the deadline
     */
    public void pumpUntil(String what, BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            pump();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
