package studio.catdog.ui.training;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Eta;
import studio.catdog.core.Failures;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.training.EpochMetrics;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.CoalescingBuffer;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The training workspace's state: validated settings, the run's phase, progress and ETA, the loss
 * curves and the result. Training callbacks arrive on the model thread and are coalesced into about
 * ten UI updates a second. No Nodes; tested without a toolkit.
 */
public final class TrainingViewModel {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * A point of a curve.
     *
     * @param x the batch step or epoch
     * @param y the value
     */
    public record Point(double x, double y) {}

    private sealed interface Event permits PhaseEvent, BatchEvent, EpochEvent {}

    private record PhaseEvent(Phase phase, int done, int total, double eta) implements Event {}

    private record BatchEvent(int epoch, int batch, int perEpoch, double loss) implements Event {}

    private record EpochEvent(EpochMetrics metrics) implements Event {}

    private final ModelService service;
    private final Session session;
    private final AppSettings settings;
    private final TaskExecutor executor;

    private final StringProperty backbone = new SimpleStringProperty(this, "backbone", BackboneSpec.RESNET50);
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate");
    private final BooleanProperty earlyStopping = new SimpleBooleanProperty(this, "earlyStopping");
    private final StringProperty patience = new SimpleStringProperty(this, "patience");
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(this, "bestEpoch");
    private final ReadOnlyStringWrapper bestEpochLabel = new ReadOnlyStringWrapper(this, "bestEpochLabel", "Best epoch");
    private final javafx.beans.property.ReadOnlyStringWrapper trustWarning =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "trustWarning", "");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<Path> savedTo = new ReadOnlyObjectWrapper<>(this, "savedTo");
    private final ReadOnlyDoubleWrapper testAccuracy = new ReadOnlyDoubleWrapper(this, "testAccuracy", Double.NaN);
    private final TrainingCurves curves = new TrainingCurves();
    private final BooleanBinding canTrain;
    private final BooleanProperty continueCurrent = new SimpleBooleanProperty(this, "continueCurrent");
    private final BooleanBinding canContinue;

    private Job<TrainingOutcome> job;
    private CurveSnapshot previousCurves;
    private boolean curvesReset;
    private int pendingEpochs;
    private long runStartNanos;
    private int plannedEpochs;
    private int uiUpdates;

    /**
     * @param service trains
     * @param session the open data set; receives the model and its evaluation
     * @param settings remembers the backbone and the model
     * @param executor moves updates to the UI thread
     */
    public TrainingViewModel(ModelService service, Session session, AppSettings settings, TaskExecutor executor) {
        this.service = service;
        this.session = session;
        this.settings = settings;
        this.executor = executor;
        TrainingSettings d = TrainingSettings.defaults();
        epochs.set(Integer.toString(d.epochs()));
        batchSize.set(Integer.toString(d.batchSize()));
        learningRate.set(Float.toString(d.learningRate()));
        earlyStopping.set(d.earlyStopping());
        patience.set(Integer.toString(d.patience()));
        settings.backbone().ifPresent(backbone::set);
        epochs.addListener((o, a, b) -> validate());
        batchSize.addListener((o, a, b) -> validate());
        learningRate.addListener((o, a, b) -> validate());
        earlyStopping.addListener((o, a, b) -> validate());
        patience.addListener((o, a, b) -> validate());
        bestEpoch.addListener((o, a, b) -> bestEpochLabel.set(b.intValue() > 0 ? "Best epoch " + b : "Best epoch"));
        backbone.addListener((o, a, b) -> validate());
        backbone.addListener((o, a, b) -> updateTrustWarning());
        updateTrustWarning();
        validate();
        canTrain = Bindings.createBooleanBinding(
                () -> !running.get() && validation.get() == null && session.datasetProperty().get() != null,
                running, validation, session.datasetProperty());
        canContinue = Bindings.createBooleanBinding(
                () -> !running.get() && session.modelProperty().get() != null
                        && BackboneChoiceViewModel.sameBackbone(backbone.get(), session.modelProperty().get().backbone()),
                running, backbone, session.modelProperty());
    }

    /**
     * Checks the inputs.
     *
     * @return the settings, or null when an input is invalid ({@link #validationProperty()} says why)
     */
    TrainingSettings validate() {
        try {
            int e = parseInt(epochs.get(), "Epochs");
            int b = parseInt(batchSize.get(), "Batch size");
            float lr;
            try {
                lr = Float.parseFloat(learningRate.get().trim());
            } catch (NumberFormatException | NullPointerException ex) {
                throw new CatdogException("Learning rate must be a number such as 0.001.");
            }
            TrainingSettings s = TrainingSettings.defaults().withEpochs(e).withBatchSize(b).withLearningRate(lr)
                    .withEarlyStopping(earlyStopping.get());
            if (earlyStopping.get()) {
                // An unused patience is not checked: switching early stopping off never blocks Train.
                s = s.withPatience(parseInt(patience.get(), "Patience"));
            }
            if (backbone.get() == null || backbone.get().isBlank()) {
                throw new CatdogException("Choose a backbone: a ResNet50 form, the built-in MobileNetV2 or a local .onnx/.pt file.");
            }
            validation.set(null);
            return s;
        } catch (CatdogException ex) {
            validation.set(ex.getMessage());
            return null;
        }
    }

    private static int parseInt(String text, String name) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new CatdogException(name + " must be a whole number.");
        }
    }

    /**
     * Starts training on the open data set.
     *
     * @return completes on the UI thread when the run has ended and its results are shown (also on
     *     failure or cancel, which it reports); the outcome or null
     */
    public CompletableFuture<TrainingOutcome> train() {
        Dataset dataset = session.datasetProperty().get();
        TrainingSettings s = validate();
        if (dataset == null || s == null || running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        BackboneSpec spec;
        try {
            spec = BackboneSpec.parse(backbone.get());
        } catch (CatdogException e) {
            validation.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        boolean continuing = continueCurrent.get() && canContinue.get();
        settings.setBackbone(spec.text());
        if (spec.kind() == BackboneSpec.Kind.TORCHSCRIPT_FILE) {
            settings.markTorchScriptUsed(spec.file()); // warned once, before this first use
        }
        session.clearError();
        // The previous run's curves stay on screen until this run draws its first point, and come
        // back if it fails or is cancelled: a failed run never leaves a half-cleared chart.
        previousCurves = CurveSnapshot.of(this);
        curvesReset = false;
        pendingEpochs = s.epochs();
        uiUpdates = 0;
        result.set("");
        progress.set(-1);
        eta.set("");
        running.set(true);
        phase.set("Starting");
        CoalescingBuffer<Event> buffer = new CoalescingBuffer<>(executor, CoalescingBuffer.DEFAULT_INTERVAL_MS, this::apply);
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
        CompletableFuture<TrainingOutcome> done = new CompletableFuture<>();
        job = service.train(dataset, spec, s, observer, continuing);
        job.result().whenComplete((outcome, error) -> executor.runOnUi(() -> {
            buffer.drain();
            job = null;
            finish(outcome, error, done);
        }));
        return done;
    }

    private void finish(TrainingOutcome outcome, Throwable error, CompletableFuture<TrainingOutcome> done) {
        if (error != null) {
            running.set(false);
            progress.set(0);
            eta.set("");
            String curves = "";
            if (curvesReset) {
                previousCurves.restore(this);
                curves = previousCurves.isEmpty() ? "" : " The charts show the previous run again.";
            }
            previousCurves = null;
            if (Failures.isCancellation(error)) {
                phase.set("Cancelled");
                result.set("Training was cancelled; the previous model is kept." + curves);
            } else {
                phase.set("Failed");
                result.set("Training failed: " + Failures.describe(error) + curves);
                session.reportError("Training", error);
            }
            done.complete(null);
            return;
        }
        previousCurves = null;
        if (!Double.isNaN(outcome.extractionImagesPerSecond())) {
            settings.setImagesPerSecond(outcome.backbone().kind(), outcome.extractionImagesPerSecond());
        }
        testAccuracy.set(outcome.testAccuracy());
        result.set((Double.isNaN(outcome.testAccuracy())
                ? String.format(Locale.ROOT, "Trained on %d images (no test images to measure accuracy).", outcome.trainImages())
                : String.format(Locale.ROOT, "Test accuracy %s on %d test images (trained on %d in %.1f s, features %.1f s).",
                        Formats.percent(outcome.testAccuracy()), outcome.testImages(), outcome.trainImages(),
                        outcome.trainSeconds(), outcome.featureSeconds()))
                + (outcome.stop() == null ? "" : " " + capitalised(outcome.stop().describe()) + "."));
        session.evaluationProperty().set(outcome.evaluation());
        service.currentModel().ifPresent(session.modelProperty()::set);
        phase.set("Saving");
        Path dir = service.paths().modelsDir().resolve(LocalDateTime.now().format(STAMP));
        service.save(dir).result().whenComplete((path, e) -> executor.runOnUi(() -> {
            running.set(false);
            progress.set(1);
            eta.set("");
            if (e != null) {
                phase.set("Done (not saved)");
                session.reportError("Saving the model", e);
            } else {
                phase.set("Done");
                savedTo.set(path);
                settings.setLastModel(path);
                service.currentModel().ifPresent(session.modelProperty()::set);
            }
            done.complete(outcome);
        }));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Clears the curves for the new run, once, when its first training point arrives. */
    private void startCurves() {
        if (!curvesReset) {
            curvesReset = true;
            resetRun(pendingEpochs);
        }
    }

    private void resetRun(int epochCount) {
        curves.clear();
        bestEpoch.set(0);
        result.set("");
        savedTo.set(null);
        testAccuracy.set(Double.NaN);
        progress.set(-1);
        eta.set("");
        plannedEpochs = epochCount;
        runStartNanos = System.nanoTime();
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
        bestEpoch.set(curves.bestEpoch());
        if (lastPhase != null) {
            showPhase(lastPhase);
        }
        if (lastBatch != null) {
            showBatch(lastBatch);
        }
    }

    private void showPhase(PhaseEvent p) {
        switch (p.phase()) {
            case LOADING_BACKBONE -> {
                phase.set("Loading the backbone");
                progress.set(-1);
                eta.set("");
            }
            case DOWNLOADING_BACKBONE -> {
                phase.set(String.format(Locale.ROOT, "Downloading the backbone: %.1f of %.1f MB", p.done() / 1e3 * 1.024,
                        p.total() / 1e3 * 1.024));
                progress.set(p.total() > 0 ? (double) p.done() / p.total() : -1);
                eta.set(Eta.text(p.eta()));
            }
            case EXTRACTING -> {
                phase.set(String.format(Locale.ROOT, "Extracting features %d / %d", p.done(), p.total()));
                progress.set(p.total() > 0 ? (double) p.done() / p.total() : -1);
                eta.set(Eta.text(p.eta()));
                runStartNanos = System.nanoTime();
            }
            case TRAINING -> {
                phase.set(String.format(Locale.ROOT, "Epoch %d / %d", Math.min(p.done() + 1, p.total()), p.total()));
                progress.set(p.total() > 0 ? (double) p.done() / p.total() : -1);
                eta.set(Eta.text(p.eta()));
            }
            case EVALUATING -> {
                phase.set("Evaluating on the test images");
                progress.set(-1);
                eta.set("");
            }
        }
    }

    private void showBatch(BatchEvent b) {
        int total = Math.max(1, plannedEpochs * b.perEpoch());
        int done = (b.epoch() - 1) * b.perEpoch() + b.batch();
        double fraction = Math.min(1, (double) done / total);
        phase.set(String.format(Locale.ROOT, "Epoch %d / %d — batch %d / %d", b.epoch(), plannedEpochs, b.batch(), b.perEpoch()));
        progress.set(fraction);
        double elapsed = (System.nanoTime() - runStartNanos) / 1e9;
        // The first 2 % are too few batches for a rate worth showing.
        eta.set(fraction > 0.02 ? Eta.text(Eta.secondsLeft(elapsed, done, total)) : "");
    }

    /** Asks this workspace's training job (and no other job) to stop; the service keeps the previous model. */
    public void cancel() {
        Job<TrainingOutcome> current = job;
        if (running.get() && current != null) {
            phase.set("Cancelling…");
            current.cancel();
        }
    }

    /** The curves of a finished run, copied so a failed run can put them back exactly. */
    private record CurveSnapshot(TrainingCurves.Snapshot curves, int epochs, double accuracy, Path savedTo) {
        static CurveSnapshot of(TrainingViewModel vm) {
            return new CurveSnapshot(vm.curves.snapshot(), vm.plannedEpochs, vm.testAccuracy.get(), vm.savedTo.get());
        }

        boolean isEmpty() {
            return curves.isEmpty();
        }

        void restore(TrainingViewModel vm) {
            vm.curves.restore(curves);
            vm.bestEpoch.set(vm.curves.bestEpoch());
            vm.plannedEpochs = epochs;
            vm.testAccuracy.set(accuracy);
            vm.savedTo.set(savedTo);
        }
    }

    /**
     * Saves the current model to a chosen folder.
     *
     * @param dir the folder
     * @return completes on the UI thread
     */
    public CompletableFuture<Path> saveAs(Path dir) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        service.save(dir).result().whenComplete((path, e) -> executor.runOnUi(() -> {
            if (e != null) {
                session.reportError("Saving the model to " + dir, e);
                done.complete(null);
            } else {
                savedTo.set(path);
                settings.setLastModel(path);
                service.currentModel().ifPresent(session.modelProperty()::set);
                done.complete(path);
            }
        }));
        return done;
    }

    /**
     * A warning shown the first time a TorchScript file is chosen: unlike ONNX, TorchScript holds code
     * that libtorch runs, so it should come from a trusted source. Empty otherwise.
     *
     * @return the warning text
     */
    public javafx.beans.property.ReadOnlyStringProperty trustWarningProperty() {
        return trustWarning.getReadOnlyProperty();
    }

    private void updateTrustWarning() {
        String text = backbone.get() == null ? "" : backbone.get().trim();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean torchScript = lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".torchscript");
        trustWarning.set(torchScript && !settings.torchScriptUsed(Path.of(text))
                ? "First use of this TorchScript file: TorchScript contains code that PyTorch runs when the model "
                        + "loads. Use it only if it comes from a source you trust (ONNX files hold no code)."
                : "");
    }

    /** @return the backbone text: {@code resnet50}, {@code builtin} or a model file path */
    public StringProperty backboneProperty() {
        return backbone;
    }

    /** @return the epochs input */
    public StringProperty epochsProperty() {
        return epochs;
    }

    /** @return the batch size input */
    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    /** @return the learning rate input */
    public StringProperty learningRateProperty() {
        return learningRate;
    }

    /** @return whether training stops when the validation loss stops improving (keeping the best epoch) */
    public BooleanProperty earlyStoppingProperty() {
        return earlyStopping;
    }

    /** @return the patience input: epochs without improvement before stopping */
    public StringProperty patienceProperty() {
        return patience;
    }

    /** @return the epoch with the lowest validation loss in the run shown, 0 when none */
    public ReadOnlyIntegerProperty bestEpochProperty() {
        return bestEpoch.getReadOnlyProperty();
    }

    /** @return the legend text of the best-epoch marker, "Best epoch 3" */
    public ReadOnlyStringProperty bestEpochLabelProperty() {
        return bestEpochLabel.getReadOnlyProperty();
    }

    /**
     * @return the best-epoch marker to draw on the per-epoch chart: two points, a vertical line at the
     *     best epoch from 0 up to the highest per-epoch value drawn; empty when the run has no validation
     */
    public ObservableList<Point> bestEpochMarker() {
        return curves.bestEpochMarker();
    }

    /** @return what is wrong with the inputs, null when they are fine */
    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** @return whether Train may be pressed */
    public BooleanBinding canTrainBinding() {
        return canTrain;
    }

    /** @return whether the next run starts from the current model (keeping its run history) */
    public BooleanProperty continueCurrentProperty() {
        return continueCurrent;
    }

    /** @return whether continuing is possible: a model is loaded and the chosen backbone is its own */
    public BooleanBinding canContinueBinding() {
        return canContinue;
    }

    /** @return whether a run is in progress */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return the phase in words */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** @return time left in words */
    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** @return progress 0..1, negative when unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return the result in words */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** @return the test accuracy of the last run, NaN before */
    public ReadOnlyDoubleProperty testAccuracyProperty() {
        return testAccuracy.getReadOnlyProperty();
    }

    /** @return where the last model was saved */
    public ReadOnlyObjectProperty<Path> savedToProperty() {
        return savedTo.getReadOnlyProperty();
    }

    /** @return every batch's loss of the run (x: fractional epoch), read-only */
    public List<Point> batchLoss() {
        return curves.batchLoss().all();
    }

    /** @return every point of the smoothed batch loss, read-only */
    public List<Point> smoothedLoss() {
        return curves.smoothedLoss().all();
    }

    /**
     * @return the batch loss to draw: at most {@link DecimatedCurve#DEFAULT_CAP} points, each the
     *     mean of adjacent batches, so a long run does not slow the UI thread down
     */
    public ObservableList<Point> batchLossShown() {
        return curves.batchLoss().shown();
    }

    /** @return the smoothed loss to draw, decimated like {@link #batchLossShown()} */
    public ObservableList<Point> smoothedLossShown() {
        return curves.smoothedLoss().shown();
    }

    /** @return mean training loss per epoch */
    public ObservableList<Point> trainLoss() {
        return curves.trainLoss();
    }

    /** @return validation loss per epoch */
    public ObservableList<Point> validationLoss() {
        return curves.validationLoss();
    }

    /** @return validation accuracy per epoch */
    public ObservableList<Point> validationAccuracy() {
        return curves.validationAccuracy();
    }

    /** @return how many coalesced UI updates the last run made */
    public int uiUpdates() {
        return uiUpdates;
    }
}
