package studio.catdog.ui.shell;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import studio.catdog.core.Failures;
import studio.catdog.core.backbone.BackboneNotDownloadedException;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.LibtorchBuild;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.service.ModelFolders;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.ModelSummary;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;
import studio.catdog.ui.help.HelpViewModel;

/**
 * The main window's state: the jobs and device for the status bar, the current model, the error
 * banner, the first-start hint, and restoring the last data set and model.
 */
public final class MainViewModel {

    private final ModelService service;
    private final Session session;
    private final AppSettings settings;
    private final BrowserViewModel browser;
    private final JobsViewModel jobs;
    private final ReadOnlyBooleanWrapper gpuOffered = new ReadOnlyBooleanWrapper(this, "gpuOffered");
    private final UiJobs jobRunner;
    private final StringBinding modelText;
    private final StringBinding hint;
    private final SampleDataViewModel sampleData;
    private final HelpViewModel help;

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
        this.browser = browser;
        this.jobs = jobs;
        this.jobRunner = new UiJobs(executor, session);
        this.sampleData = new SampleDataViewModel(service, session, executor, browser);
        this.help = new HelpViewModel(service.paths(), session);
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
                        return Messages.get("main.hintWelcome");
                    }
                    if (session.modelProperty().get() == null) {
                        return Messages.get("main.hintNext");
                    }
                    return "";
                },
                session.datasetProperty(),
                session.modelProperty());
    }

    private static String describe(ModelSummary m) {
        if (m == null) {
            return Messages.get("main.noModel");
        }
        String acc = Double.isNaN(m.testAccuracy())
                ? ""
                : Messages.get("main.modelAccuracy", Formats.percent(m.testAccuracy()));
        return Messages.get(
                "main.model",
                m.backbone().name(),
                String.join("/", m.classes()),
                acc,
                m.savedAt() == null ? Messages.get("main.modelUnsaved") : "");
    }

    /** Finds the device in the background and reopens the last data set and model. */
    public void start() {
        // The probe asks the CUDA driver how many GPUs there are (a native call, so off the UI thread);
        // it never starts an engine and never downloads.
        jobRunner.call(this::readDevice).onSuccess(this::show).start();
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
    public CompletableFuture<ModelSummary> openModel(Path dir, BiPredicate<String, String> confirm) {
        return jobRunner
                .job(() -> service.loadModel(dir, null))
                .onSuccess(loaded -> {
                    settings.setLastModel(dir);
                    session.modelProperty().set(service.currentModel().orElse(null));
                    noticeIfUnsealed(dir);
                    session.evaluationProperty().set(null);
                })
                .startOrFail()
                .thenApply(loaded -> session.modelProperty().get())
                .exceptionallyCompose(e -> {
                    if (confirm != null
                            && Failures.unwrap(e) instanceof BackboneNotDownloadedException missing
                            && confirm.test(Messages.get("main.downloadBackboneTitle"), offer(missing.model()))) {
                        return downloadThenOpen(missing.model(), dir);
                    }
                    session.reportError(Messages.get("main.openingModel", dir), e);
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** A model saved before model.json carried its own checksum still opens, with a one-line notice. */
    private void noticeIfUnsealed(Path dir) {
        jobRunner
                .call(() -> ModelFolders.isSealed(dir))
                .onSuccess(hasSeal -> {
                    if (!hasSeal) {
                        session.reportError(Messages.get("model.unsealedNotice", dir));
                    }
                })
                .start();
    }

    /** Downloads the backbone a model needs as a job (progress and cancel in the status bar), then opens the model. */
    private CompletableFuture<ModelSummary> downloadThenOpen(PinnedModel backbone, Path dir) {
        return jobRunner
                .job(() -> service.downloads().backbone(backbone.id()))
                .reportFailureAs(Messages.get("common.downloading", backbone.id()))
                .startOrFail()
                .thenCompose(file -> openModel(dir, null))
                .exceptionally(e -> null);
    }

    private static String offer(PinnedModel m) {
        return Messages.get(
                "main.downloadBackboneOffer",
                m.displayName(),
                m.id(),
                m.sizeText(),
                m.url().getHost());
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
    public CompletableFuture<Void> useGpu(BiPredicate<String, String> confirmed) {
        String message = Messages.get(
                "main.useGpuOffer",
                Integer.toString(LibtorchBuild.CUDA_DOWNLOAD_GB),
                Engines.engineCacheDir().toString());
        if (!gpuOffered.get() || !confirmed.test(Messages.get("main.useGpuTitle"), message)) {
            return CompletableFuture.completedFuture(null);
        }
        return jobRunner
                .job(() -> service.downloads().gpuLibrary())
                .onDone(this::refreshDevice)
                .reportFailureAs(Messages.get("main.downloadingGpu"))
                .start()
                .thenApply(dir -> null);
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
            return new DeviceReading(Messages.get("main.deviceUnknown", e.getMessage()), false);
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

    /** @return File › Get sample data set… */
    public SampleDataViewModel sampleData() {
        return sampleData;
    }

    /** @return the Help window's content */
    public HelpViewModel help() {
        return help;
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
        session.reportError(Messages.get("main.anAction"), e);
    }
}
