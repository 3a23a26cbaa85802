package studio.catdog.ui.training;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.catdog.core.Failures;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainingStop;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.CoalescingBuffer;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJob;
import studio.catdog.ui.common.UiJobs;

/**
 * The training workspace's train job: submits it to the service (the engine lane), feeds its events,
 * coalesced to about ten UI updates a second, into the curves and the progress, cancels it, and shows
 * its result: the result line, the test accuracy and where the model was saved. A failed or cancelled
 * run puts the previous run's curves back. Changed on the UI thread only. No Nodes.
 */
final class TrainingJob {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private sealed interface Event permits PhaseEvent, BatchEvent, EpochEvent {}

    private record PhaseEvent(Phase phase, int done, int total, double eta) implements Event {}

    private record BatchEvent(int epoch, int batch, int perEpoch, double loss) implements Event {}

    private record EpochEvent(EpochMetrics metrics) implements Event {}

    private final ModelService service;
    private final Session session;
    private final AppSettings settings;
    private final TaskExecutor executor;
    private final TrainingCurves curves;
    private final TrainingProgress progress;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<ResultKind> resultKind =
            new ReadOnlyObjectWrapper<>(this, "resultKind", ResultKind.NONE);
    private final ReadOnlyObjectWrapper<Path> savedTo = new ReadOnlyObjectWrapper<>(this, "savedTo");
    private final ReadOnlyDoubleWrapper testAccuracy = new ReadOnlyDoubleWrapper(this, "testAccuracy", Double.NaN);

    private final UiJobs jobs;
    private UiJob<TrainingOutcome> run;
    private CurveSnapshot previousCurves;
    private boolean curvesReset;
    private int pendingEpochs;
    private int uiUpdates;
    private boolean publishing;

    /**
     * @param service trains and saves
     * @param session receives the model, its evaluation and failures
     * @param settings remembers the model saved and the backbone's measured speed
     * @param executor moves updates to the UI thread
     * @param curves the curves the run draws
     * @param progress the run's phase, progress and time left
     */
    TrainingJob(
            ModelService service,
            Session session,
            AppSettings settings,
            TaskExecutor executor,
            TrainingCurves curves,
            TrainingProgress progress) {
        this.service = service;
        this.session = session;
        this.settings = settings;
        this.executor = executor;
        this.jobs = new UiJobs(executor, session);
        this.curves = curves;
        this.progress = progress;
    }

    /**
     * Submits the train job; the caller has checked that none is running.
     *
     * @param dataset the data set to train on
     * @param spec the backbone
     * @param s the checked settings
     * @param continuing whether the run starts from the current model
     * @return completes on the UI thread when the run has ended and its results are shown (also on
     *     failure or cancel, which it reports); the outcome or null
     */
    CompletableFuture<TrainingOutcome> start(
            Dataset dataset, BackboneSpec spec, TrainingSettings s, boolean continuing) {
        session.clearError();
        // The previous run's curves stay on screen until this run draws its first point, and come
        // back if it fails or is cancelled: a failed run never leaves a half-cleared chart.
        previousCurves = CurveSnapshot.of(this);
        curvesReset = false;
        pendingEpochs = s.epochs();
        uiUpdates = 0;
        result.set("");
        resultKind.set(ResultKind.NONE);
        progress.reset(-1);
        running.set(true);
        progress.setPhase(Messages.get("training.phase.starting"));
        CoalescingBuffer<Event> buffer =
                new CoalescingBuffer<>(executor, CoalescingBuffer.DEFAULT_INTERVAL_MS, this::apply);
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void onPhase(Phase p, int done, int total, double etaSeconds) {
                buffer.add(new PhaseEvent(p, done, total, etaSeconds));
            }

            @Override
            public void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {
                buffer.add(new BatchEvent(epoch, batch, batchesPerEpoch, loss));
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                buffer.add(new EpochEvent(metrics));
            }
        };
        run = jobs.job(() -> service.train(dataset, spec, s, observer, continuing))
                .onDone(() -> {
                    buffer.drain();
                    run = null;
                })
                .onCancelled(() -> stopped(null))
                .onFailure(this::stopped)
                .reportFailureAs(Messages.get("training.what"));
        return run.start()
                .thenCompose(outcome -> outcome == null ? CompletableFuture.completedFuture(null) : save(outcome));
    }

    /**
     * A run that failed or was cancelled: the previous run's curves come back and the result says what happened.
     *
     * @param error the failure, or null when the run was cancelled
     */
    private void stopped(Throwable error) {
        running.set(false);
        progress.reset(0);
        String curvesNote = "";
        if (curvesReset) {
            previousCurves.restore(this);
            curvesNote = previousCurves.isEmpty() ? "" : Messages.get("training.previousCurves");
        }
        previousCurves = null;
        if (error == null) {
            progress.setPhase(Messages.get("training.phase.cancelled"));
            result.set(Messages.get("training.cancelledResult", curvesNote));
            resultKind.set(ResultKind.CANCELLED);
        } else {
            progress.setPhase(Messages.get("training.phase.failed"));
            result.set(Messages.get("training.failedResult", Failures.describe(error), curvesNote));
            resultKind.set(ResultKind.FAILED);
        }
    }

    /** A run that succeeded: its model is committed; shows the result and saves the model to a new folder. */
    private CompletableFuture<TrainingOutcome> save(TrainingOutcome outcome) {
        previousCurves = null;
        if (!Double.isNaN(outcome.extractionImagesPerSecond())) {
            settings.setImagesPerSecond(outcome.backbone().kind(), outcome.extractionImagesPerSecond());
        }
        testAccuracy.set(outcome.testAccuracy());
        result.set(describe(outcome));
        resultKind.set(ResultKind.SUCCEEDED);
        session.evaluationProperty().set(outcome.evaluation());
        publishModel();
        progress.setPhase(Messages.get("training.phase.saving"));
        Path dir = service.paths().modelsDir().resolve(LocalDateTime.now().format(STAMP));
        return jobs.job(() -> service.save(dir))
                .onDone(() -> {
                    running.set(false);
                    progress.reset(1);
                })
                .onSuccess(path -> {
                    progress.setPhase(Messages.get("training.phase.done"));
                    saved(path);
                })
                .onFailure(e -> progress.setPhase(Messages.get("training.phase.doneNotSaved")))
                .reportFailureAs(Messages.get("training.savingWhat"))
                .treatCancelAsFailure()
                .start()
                .thenApply(path -> outcome);
    }

    /** The model is saved there: shown, remembered, and the session's model says so. */
    private void saved(Path path) {
        savedTo.set(path);
        settings.setLastModel(path);
        publishModel();
    }

    /** Tells the session about the model this workspace trained or saved (its curves are on show already). */
    private void publishModel() {
        publishing = true;
        try {
            service.currentModel().ifPresent(session.modelProperty()::set);
        } finally {
            publishing = false;
        }
    }

    /** @return whether the session's model is being set by this job (so the curves on show are its own) */
    boolean publishing() {
        return publishing;
    }

    /**
     * The result line of a run that succeeded.
     *
     * @param outcome the run's outcome
     * @return the test accuracy with the image counts and times (or the training images alone when
     *     there are no test images), then how the run ended when it says
     */
    static String describe(TrainingOutcome outcome) {
        return (Double.isNaN(outcome.testAccuracy())
                        ? Messages.get("training.resultNoTest", outcome.trainImages())
                        : Messages.get(
                                "training.result",
                                Formats.percent(outcome.testAccuracy()),
                                outcome.testImages(),
                                outcome.trainImages(),
                                Formats.decimal(outcome.trainSeconds(), 1),
                                Formats.decimal(outcome.featureSeconds(), 1)))
                + (outcome.stop() == null ? "" : " " + describe(outcome.stop()) + ".");
    }

    /**
     * How a run ended, capitalised, in the words of {@link TrainingStop#describe()} (which the command line prints).
     *
     * @param stop the run's end
     * @return "Stopped early at epoch 5 of 15, best epoch 2 (patience 3)" or "Trained all 15 epochs, best epoch 12"
     */
    static String describe(TrainingStop stop) {
        StringBuilder text = new StringBuilder();
        if (stop.stoppedEarly()) {
            text.append(Messages.get(
                    "training.stoppedEarly", stop.epochsRun(), stop.epochLimit(), stop.bestEpoch(), stop.patience()));
        } else {
            text.append(Messages.get("training.trainedAll", stop.epochsRun()));
            if (stop.bestEpoch() > 0) {
                text.append(Messages.get("training.bestEpochPart", stop.bestEpoch()));
                if (!stop.earlyStopping() && stop.keptEpoch() != stop.bestEpoch()) {
                    text.append(Messages.get("training.keptEpochPart", stop.keptEpoch()));
                }
            }
        }
        if (!stop.note().isEmpty()) {
            text.append("; ").append(stop.note());
        }
        return text.toString();
    }

    /** Clears the curves for the new run, once, when its first training point arrives. */
    private void startCurves() {
        if (!curvesReset) {
            curvesReset = true;
            curves.clear();
            result.set("");
            resultKind.set(ResultKind.NONE);
            savedTo.set(null);
            testAccuracy.set(Double.NaN);
            progress.newRun(pendingEpochs);
        }
    }

    /** Applies one coalesced batch of training events: one addAll per curve. */
    private void apply(List<Event> events) {
        uiUpdates++;
        TrainingCurves.Update points = curves.update();
        PhaseEvent lastPhase = null;
        BatchEvent lastBatch = null;
        for (Event ev : events) {
            if (ev instanceof PhaseEvent p) {
                lastPhase = p;
                if (p.phase() != Phase.TRAINING) {
                    lastBatch = null;
                }
            } else if (ev instanceof BatchEvent b) {
                startCurves();
                points.batch(b.epoch(), b.batch(), b.perEpoch(), b.loss());
                lastBatch = b;
            } else if (ev instanceof EpochEvent e) {
                startCurves();
                points.epoch(e.metrics());
            }
        }
        points.apply();
        if (lastPhase != null) {
            progress.showPhase(lastPhase.phase(), lastPhase.done(), lastPhase.total(), lastPhase.eta());
        }
        if (lastBatch != null) {
            progress.showBatch(lastBatch.epoch(), lastBatch.batch(), lastBatch.perEpoch());
        }
    }

    /** Asks this job (and no other job) to stop; the service keeps the previous model. */
    void cancel() {
        UiJob<TrainingOutcome> current = run;
        if (running.get() && current != null) {
            progress.setPhase(Messages.get("training.phase.cancelling"));
            current.cancel();
        }
    }

    /** The curves of a finished run, copied so a failed run can put them back exactly. */
    private record CurveSnapshot(CurvesSnapshot curves, int epochs, double accuracy, Path savedTo) {
        static CurveSnapshot of(TrainingJob run) {
            return new CurveSnapshot(
                    run.curves.snapshot(), run.progress.plannedEpochs(), run.testAccuracy.get(), run.savedTo.get());
        }

        boolean isEmpty() {
            return curves.isEmpty();
        }

        void restore(TrainingJob run) {
            run.curves.restore(curves);
            run.progress.setPlannedEpochs(epochs);
            run.testAccuracy.set(accuracy);
            run.savedTo.set(savedTo);
        }
    }

    /**
     * Saves the current model to a chosen folder. A folder that already holds a model is replaced only
     * when {@code confirmReplace} says yes; a folder holding anything else is refused (reported).
     *
     * @param dir the folder
     * @param confirmReplace asks the user (title, message) whether to replace the model in the folder
     * @return completes on the UI thread with where it was saved, or null when it failed (reported) or
     *     the user kept the folder as it was
     */
    CompletableFuture<Path> saveAs(Path dir, BiPredicate<String, String> confirmReplace) {
        return save(dir, false, confirmReplace);
    }

    /** Saves; a folder that holds a model is replaced only after the user confirmed it (a folder of theirs never). */
    private CompletableFuture<Path> save(Path dir, boolean overwrite, BiPredicate<String, String> confirmReplace) {
        return jobs.job(() -> service.save(dir, overwrite))
                .onSuccess(this::saved)
                .treatCancelAsFailure()
                .startOrFail()
                .exceptionallyCompose(e -> {
                    if (!overwrite && Failures.unwrap(e) instanceof OutputFolders.ExistsException) {
                        return confirmReplace.test(
                                        Messages.get("training.saveAs.replaceTitle"),
                                        Messages.get("training.saveAs.replaceMessage", dir))
                                ? save(dir, true, confirmReplace)
                                : CompletableFuture.completedFuture(null);
                    }
                    session.reportError(Messages.get("training.savingTo", dir), e);
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** @return whether a run is in progress */
    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return the result in words */
    ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** @return what the result line reports */
    ReadOnlyObjectProperty<ResultKind> resultKindProperty() {
        return resultKind.getReadOnlyProperty();
    }

    /** @return the test accuracy of the last run, NaN before */
    ReadOnlyDoubleProperty testAccuracyProperty() {
        return testAccuracy.getReadOnlyProperty();
    }

    /** @return where the last model was saved */
    ReadOnlyObjectProperty<Path> savedToProperty() {
        return savedTo.getReadOnlyProperty();
    }

    /** @return how many coalesced UI updates the last run made */
    int uiUpdates() {
        return uiUpdates;
    }
}
