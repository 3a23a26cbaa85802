package studio.catdog.ui.shell;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.sample.SampleDataResult;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * <i>File › Get sample data set…</i>: downloads Microsoft's Cats-vs-Dogs photos into a folder the user chose and
 * lays out {@value #IMAGES_PER_CLASS} per class (the size of the data set the app was built on), as a job with
 * progress and cancel in the status bar and its job list; when it is done, the new data set is opened. A second
 * run on the same folder finishes an interrupted one, or finds it complete. No Nodes; tested without a toolkit.
 */
public final class SampleDataViewModel {

    /**
     * Photos per class: 2,000 for training and 1,000 for testing (the core's 2:1 split), as in the data set the
     * app was measured on, so a first training run takes about a minute on the built-in backbone.
     */
    public static final int IMAGES_PER_CLASS = 3000;

    private final ModelService service;
    private final BrowserViewModel browser;
    private final UiJobs jobs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");

    /**
     * @param service downloads and lays out the photos
     * @param session receives failures
     * @param executor moves the outcome to the UI thread
     * @param browser opens the new data set
     */
    public SampleDataViewModel(ModelService service, Session session, TaskExecutor executor, BrowserViewModel browser) {
        this.service = service;
        this.browser = browser;
        this.jobs = new UiJobs(executor, session);
    }

    /**
     * Gets the sample data set into a folder, then opens it.
     *
     * @param dir a new or empty folder (or an earlier run's, which is finished)
     * @return completes on the UI thread with the opened data set, or null when it failed (reported) or was cancelled
     */
    public CompletableFuture<Dataset> get(Path dir) {
        if (running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        running.set(true);
        return jobs.job(() -> service.downloads().sampleData(dir, IMAGES_PER_CLASS))
                .onDone(() -> running.set(false))
                .reportFailureAs(Messages.get("sample.what", dir))
                .start()
                .thenCompose(this::open);
    }

    private CompletableFuture<Dataset> open(SampleDataResult result) {
        if (result == null) {
            return CompletableFuture.completedFuture(null);
        }
        return browser.open(result.dir()).exceptionally(e -> null);
    }

    /** @return whether a download runs (one at a time) */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
