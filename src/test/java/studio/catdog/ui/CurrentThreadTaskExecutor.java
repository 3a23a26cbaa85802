package studio.catdog.ui;

import studio.catdog.ui.common.TaskExecutor;

/** Runs everything at once on the calling thread, so ViewModels run without a JavaFX toolkit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public void runOnUiAfter(Runnable action, long delayMillis) {
        action.run();
    }

    @Override
    public void runInBackground(Runnable action) {
        action.run();
    }
}
