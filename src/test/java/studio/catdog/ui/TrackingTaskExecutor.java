package studio.catdog.ui;

import java.util.concurrent.atomic.AtomicInteger;
import studio.catdog.ui.common.FxTaskExecutor;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The app's {@link FxTaskExecutor}, counting the background work and delayed UI updates it has not
 * finished yet, so a UI test can tell when the window has nothing left to do. A background action
 * that posts to the UI thread posts before it counts as done, so "nothing pending here" followed by
 * an empty FX queue leaves no gap.
 */
public final class TrackingTaskExecutor implements TaskExecutor, AutoCloseable {

    private final FxTaskExecutor delegate = new FxTaskExecutor();
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void runOnUi(Runnable action) {
        delegate.runOnUi(action);
    }

    @Override
    public void runOnUiAfter(Runnable action, long delayMillis) {
        pending.incrementAndGet();
        delegate.runOnUiAfter(
                () -> {
                    try {
                        action.run();
                    } finally {
                        pending.decrementAndGet();
                    }
                },
                delayMillis);
    }

    @Override
    public void runInBackground(Runnable action) {
        pending.incrementAndGet();
        delegate.runInBackground(() -> {
            try {
                action.run();
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    /** @return background actions and delayed UI updates not finished yet */
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
