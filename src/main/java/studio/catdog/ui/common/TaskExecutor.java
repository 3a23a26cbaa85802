package studio.catdog.ui.common;

/**
 * The one seam through which the UI layer moves work between threads. The desktop app uses
 * {@link FxTaskExecutor}; ViewModel tests use a same-thread implementation, so they run without a
 * JavaFX toolkit.
 */
public interface TaskExecutor {

    /**
     * Runs an action on the UI thread (soon, or at once when already there in tests).
     *
     * @param action the action
     */
    void runOnUi(Runnable action);

    /**
     * Runs an action on the UI thread after a delay; used to coalesce bursts of updates.
     *
     * @param action the action
     * @param delayMillis the delay
     */
    void runOnUiAfter(Runnable action, long delayMillis);

    /**
     * Runs short blocking work (file checks, reading a clipboard image) off the UI thread.
     *
     * @param action the action
     */
    void runInBackground(Runnable action);
}
