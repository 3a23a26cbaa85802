package studio.catdog.ui.shell;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import studio.catdog.core.Failures;
import studio.catdog.core.backbone.BackboneNotDownloadedException;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.ModelSummary;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The main window's state: the jobs and device for the status bar, the current model, the error
 * banner, the first-start hint, and restoring the last data set and model.
 */
public final class MainViewModel {

    private final ModelService service;
    private final Session session;
    private final AppSettings settings;
    private final TaskExecutor executor;
    private final BrowserViewModel browser;
    private final JobsViewModel jobs;
    private final javafx.beans.property.ReadOnlyBooleanWrapper gpuOffered =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "gpuOffered");
    private final StringBinding modelText;
    private final StringBinding hint;

    /**
     * @param service the model service
     * @param session shared state
     * @param settings what was used last time
     * @param executor moves updates to the UI thread
     * @param browser opens the last data set
     * @param jobs the status bar's jobs
     */
    public MainViewModel(
            ModelService service,
            Session session,
            AppSettings settings,
            TaskExecutor executor,
            BrowserViewModel browser,
            JobsViewModel jobs) {
        this.service = service;
        this.session = session;
        this.settings = settings;
        this.executor = executor;
        this.browser = browser;
        this.jobs = jobs;
        // The device follows the model: a model runs where its backbone runs. Reading it is cheap and
        // starts nothing (the model value is immutable).
        session.modelProperty().addListener((o, a, m) -> {
            if (m != null) {
                session.deviceProperty().set(service.deviceDescription());
            }
        });
        modelText = Bindings.createStringBinding(
                () -> describe(session.modelProperty().get()), session.modelProperty());
        hint = Bindings.createStringBinding(
                () -> {
                    if (session.datasetProperty().get() == null
                            && session.modelProperty().get() == null) {
                        return "Welcome! Start by opening a data set folder (Ctrl+O, or drop a folder on the window), "
                                + "then train a model in the Training tab (Ctrl+T). Or open a saved model (Ctrl+Shift+O) "
                                + "and classify images in the Prediction tab.";
                    }
                    if (session.modelProperty().get() == null) {
                        return "Next: choose a backbone and press Train in the Training tab (Ctrl+T).";
                    }
                    return "";
                },
                session.datasetProperty(),
                session.modelProperty());
    }

    private static String describe(ModelSummary m) {
        if (m == null) {
            return "No model";
        }
        String acc = Double.isNaN(m.testAccuracy()) ? "" : ", test accuracy " + Formats.percent(m.testAccuracy());
        return "Model: " + m.backbone().name() + " → " + String.join("/", m.classes()) + acc
                + (m.savedAt() == null ? " (unsaved)" : "");
    }

    /** Finds the device in the background and reopens the last data set and model. */
    public void start() {
        // The probe asks the CUDA driver how many GPUs there are (a native call, so off the UI thread);
        // it never starts an engine and never downloads.
        executor.runInBackground(() -> {
            DeviceReading reading = readDevice();
            executor.runOnUi(() -> show(reading));
        });
        settings.lastDataset().ifPresent(browser::open);
        settings.lastModel().ifPresent(this::openModel);
    }

    /**
     * Loads a saved model (and the backbone it needs); a missing pinned backbone is only reported.
     *
     * @param dir the model folder
     * @return completes on the UI thread
     */
    public CompletableFuture<ModelSummary> openModel(Path dir) {
        return openModel(dir, null);
    }

    /**
     * Loads a saved model (and the backbone it needs). When the model names a pinned backbone that is
     * not downloaded yet, asks whether to download exactly that one, runs the download as a job, and
     * then opens the model.
     *
     * @param dir the model folder
     * @param confirm asks the user (title, message), or null to report a missing backbone only
     * @return completes on the UI thread
     */
    public CompletableFuture<ModelSummary> openModel(Path dir, java.util.function.BiPredicate<String, String> confirm) {
        CompletableFuture<ModelSummary> done = new CompletableFuture<>();
        service.loadModel(dir, null)
                .result()
                .thenApply(m -> ModelStore.isSealed(dir)) // off the UI thread: reads model.json
                .whenComplete((hasSeal, e) -> executor.runOnUi(() -> {
                    if (e != null
                            && confirm != null
                            && Failures.unwrap(e) instanceof BackboneNotDownloadedException missing
                            && confirm.test("Download the backbone", offer(missing.model()))) {
                        service.downloads()
                                .backbone(missing.model().id())
                                .result()
                                .whenComplete((file, d) -> executor.runOnUi(() -> {
                                    if (d != null) {
                                        if (!Failures.isCancellation(d)) {
                                            session.reportError(
                                                    "Downloading "
                                                            + missing.model().id(),
                                                    d);
                                        }
                                        done.complete(null);
                                    } else {
                                        openModel(dir, null).thenAccept(done::complete);
                                    }
                                }));
                        return;
                    }
                    if (e != null) {
                        session.reportError("Opening the model " + dir, e);
                        done.complete(null);
                        return;
                    }
                    settings.setLastModel(dir);
                    if (!hasSeal) {
                        session.reportError(Messages.get("model.unsealedNotice", dir));
                    }
                    ModelSummary s = service.currentModel().orElse(null);
                    session.modelProperty().set(s);
                    session.evaluationProperty().set(null);
                    done.complete(s);
                }));
        return done;
    }

    private static String offer(PinnedModel m) {
        return "This model was trained on " + m.displayName() + " (" + m.id() + "), which is not on this computer yet. "
                + "Download it now? " + m.sizeText() + ", once, from " + m.url().getHost()
                + ", checked by its checksum; "
                + "progress and Cancel are in the status bar.";
    }

    /** @return whether a GPU was found whose library can be downloaded (enables "Use the GPU…") */
    public ReadOnlyBooleanProperty gpuOfferedProperty() {
        return gpuOffered.getReadOnlyProperty();
    }

    /**
     * Downloads the GPU library after the user confirmed it: a job with progress and its own cancel
     * in the status bar; a failure keeps the CPU and says why.
     *
     * @param confirmed asks the user, with the size and where it goes
     * @return completes on the UI thread when the download ended (or was declined)
     */
    public CompletableFuture<Void> useGpu(java.util.function.BiPredicate<String, String> confirmed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String message = "CatDog Studio found an NVIDIA GPU. Using it needs PyTorch's CUDA library, about "
                + studio.catdog.core.backbone.Engines.CUDA_DOWNLOAD_GB + " GB, downloaded once from DJL's server into "
                + studio.catdog.core.backbone.Engines.engineCacheDir()
                + ". Until it is there, everything runs on the CPU.";
        if (!gpuOffered.get() || !confirmed.test("Use the GPU", message)) {
            done.complete(null);
            return done;
        }
        service.downloads()
                .gpuLibrary()
                .result()
                .whenComplete((dir, e) -> executor.runOnUi(() -> {
                    if (e != null && !studio.catdog.core.Failures.isCancellation(e)) {
                        session.reportError("Downloading the GPU library", e);
                    }
                    refreshDevice();
                    done.complete(null);
                }));
        return done;
    }

    /** Reads the device and the GPU offer again (cheap; starts nothing). */
    public void refreshDevice() {
        show(readDevice());
    }

    /** The device in words and whether the GPU library is offered; a failed probe says so, in words. */
    private record DeviceReading(String device, boolean gpuOffered) {}

    private DeviceReading readDevice() {
        try {
            return new DeviceReading(
                    service.deviceDescription(), service.deviceStatus().downloadOffered());
        } catch (RuntimeException | LinkageError e) {
            return new DeviceReading("unknown (" + e.getMessage() + ")", false);
        }
    }

    private void show(DeviceReading reading) {
        session.deviceProperty().set(reading.device());
        gpuOffered.set(reading.gpuOffered());
    }

    /** Stops listening to the service. */
    public void dispose() {
        jobs.dispose();
    }

    /** @return the status bar's jobs */
    public JobsViewModel jobs() {
        return jobs;
    }

    /** @return the current model in words */
    public StringBinding modelText() {
        return modelText;
    }

    /** @return what to do next, "" when nothing needs saying */
    public StringBinding hint() {
        return hint;
    }

    /** @return the error banner text, null when hidden */
    public ReadOnlyStringProperty errorProperty() {
        return session.errorProperty();
    }

    /** Hides the error banner. */
    public void dismissError() {
        session.clearError();
    }

    /** @return the shared session */
    public Session session() {
        return session;
    }

    /**
     * Words for an unexpected failure on the UI thread.
     *
     * @param e the failure
     */
    public void uncaught(Throwable e) {
        session.reportError("An action", e);
    }
}
