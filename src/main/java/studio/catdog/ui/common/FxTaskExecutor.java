package studio.catdog.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * {@link TaskExecutor} for the running app: the JavaFX application thread, one named daemon thread
 * for delays and a small named daemon pool for blocking work. {@link #close()} stops them.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("catdog-ui-timer"));
    private final ExecutorService background = Executors.newFixedThreadPool(2, named("catdog-ui-io"));

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void runOnUiAfter(Runnable action, long delayMillis) {
        timer.schedule(() -> Platform.runLater(action), delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void runInBackground(Runnable action) {
        background.execute(action);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        background.shutdownNow();
    }

    /**
     * A factory of named daemon threads.
     *
     * @param prefix the thread name prefix
     * @return the factory
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
