package studio.catdog.ui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.storage.ManifestTraining;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;

/**
 * The training workspace's state: validated settings, the run's phase, progress and ETA, the loss
 * curves and the result. Training callbacks arrive on the model thread and are coalesced into about
 * ten UI updates a second. No Nodes; tested without a toolkit.
 *
 * <p>It owns and wires four parts: the inputs and their validation ({@link TrainingInputs}), the
 * curves with the best-epoch marker ({@link TrainingCurves}), the run's progress in words
 * ({@link TrainingProgress}) and the train job with its cancel and result ({@link TrainingJob}).
 */
public final class TrainingViewModel {

    private final Session session;
    private final AppSettings settings;
    private final TrainingInputs inputs;
    private final TrainingCurves curves = new TrainingCurves();
    private final TrainingProgress progress = new TrainingProgress();
    private final TrainingJob job;
    private final BooleanBinding canTrain;
    private final BooleanProperty continueCurrent = new SimpleBooleanProperty(this, "continueCurrent");
    private final BooleanBinding canContinue;

    /**
     * @param service trains
     * @param session the open data set; receives the model and its evaluation
     * @param settings remembers the backbone and the model
     * @param executor moves updates to the UI thread
     */
    public TrainingViewModel(ModelService service, Session session, AppSettings settings, TaskExecutor executor) {
        this.session = session;
        this.settings = settings;
        this.inputs = new TrainingInputs(settings);
        this.job = new TrainingJob(service, session, settings, executor, curves, progress);
        ReadOnlyBooleanProperty running = job.runningProperty();
        ReadOnlyStringProperty validation = inputs.validationProperty();
        StringProperty backbone = inputs.backboneProperty();
        canTrain = Bindings.createBooleanBinding(
                () -> !running.get()
                        && validation.get() == null
                        && session.datasetProperty().get() != null,
                running,
                validation,
                session.datasetProperty());
        canContinue = Bindings.createBooleanBinding(
                () -> !running.get()
                        && session.modelProperty().get() != null
                        && BackboneChoiceViewModel.sameBackbone(
                                backbone.get(), session.modelProperty().get().backbone()),
                running,
                backbone,
                session.modelProperty());
        // A model opened (also the last one, at start-up) shows its last run's per-epoch curves from its folder;
        // a model this workspace trained shows its own run, per-batch losses included.
        session.modelProperty().addListener((o, a, m) -> {
            if (m != null && !job.publishing() && !job.runningProperty().get()) {
                service.currentManifest().ifPresent(this::showSavedRun);
            }
        });
    }

    /** Shows the curves of a model's last run, as its manifest keeps them. */
    private void showSavedRun(ModelManifest manifest) {
        ManifestTraining t = manifest.training();
        if (t == null || t.history() == null) {
            return;
        }
        curves.showSaved(t.history(), t.bestEpoch() == null ? 0 : t.bestEpoch());
        progress.setPlannedEpochs(t.epochs());
    }

    /**
     * Checks the inputs.
     *
     * @return the settings, or null when an input is invalid ({@link #validationProperty()} says why)
     */
    TrainingSettings validate() {
        return inputs.validate();
    }

    /**
     * Starts training on the open data set.
     *
     * @return completes on the UI thread when the run has ended and its results are shown (also on
     *     failure or cancel, which it reports); the outcome or null
     */
    public CompletableFuture<TrainingOutcome> train() {
        Dataset dataset = session.datasetProperty().get();
        TrainingSettings s = inputs.validate();
        if (dataset == null || s == null || job.runningProperty().get()) {
            return CompletableFuture.completedFuture(null);
        }
        BackboneSpec spec = inputs.parseBackbone();
        if (spec == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean continuing = continueCurrent.get() && canContinue.get();
        settings.setBackbone(spec.text());
        if (spec.kind() == BackboneSpec.Kind.TORCHSCRIPT_FILE) {
            settings.markTorchScriptUsed(spec.file()); // warned once, before this first use
        }
        return job.start(dataset, spec, s, continuing);
    }

    /** Asks this workspace's training job (and no other job) to stop; the service keeps the previous model. */
    public void cancel() {
        job.cancel();
    }

    /**
     * Saves the current model to a chosen folder; an existing model there is replaced only after the
     * user confirms, a folder holding anything else never.
     *
     * @param dir the folder
     * @param confirmReplace asks the user (title, message) whether to replace the model in the folder
     * @return completes on the UI thread with the folder, or null when nothing was saved
     */
    public CompletableFuture<Path> saveAs(Path dir, BiPredicate<String, String> confirmReplace) {
        return job.saveAs(dir, confirmReplace);
    }

    /**
     * A warning shown the first time a TorchScript file is chosen: unlike ONNX, TorchScript holds code
     * that libtorch runs, so it should come from a trusted source. Empty otherwise.
     *
     * @return the warning text
     */
    public ReadOnlyStringProperty trustWarningProperty() {
        return inputs.trustWarningProperty();
    }

    /** @return the backbone text: {@code resnet50}, {@code builtin} or a model file path */
    public StringProperty backboneProperty() {
        return inputs.backboneProperty();
    }

    /** @return the chosen backbone: this workspace edits it, the pinned list and the audit share it */
    public BackboneChoice backboneChoice() {
        return inputs.backboneChoice();
    }

    /** @return the epochs input */
    public StringProperty epochsProperty() {
        return inputs.epochsProperty();
    }

    /** @return the batch size input */
    public StringProperty batchSizeProperty() {
        return inputs.batchSizeProperty();
    }

    /** @return the learning rate input */
    public StringProperty learningRateProperty() {
        return inputs.learningRateProperty();
    }

    /** @return whether training stops when the validation loss stops improving (keeping the best epoch) */
    public BooleanProperty earlyStoppingProperty() {
        return inputs.earlyStoppingProperty();
    }

    /** @return the patience input: epochs without improvement before stopping */
    public StringProperty patienceProperty() {
        return inputs.patienceProperty();
    }

    /** @return the epoch with the lowest validation loss in the run shown, 0 when none */
    public ReadOnlyIntegerProperty bestEpochProperty() {
        return curves.bestEpochProperty();
    }

    /** @return the legend text of the best-epoch marker, "Best epoch 3" */
    public ReadOnlyStringProperty bestEpochLabelProperty() {
        return curves.bestEpochLabelProperty();
    }

    /**
     * @return the best-epoch marker to draw on the per-epoch chart: two points, a vertical line at the
     *     best epoch from 0 up to the highest per-epoch value drawn; empty when the run has no validation
     */
    public ObservableList<CurvePoint> bestEpochMarker() {
        return curves.bestEpochMarker();
    }

    /** @return what is wrong with the inputs, null when they are fine */
    public ReadOnlyStringProperty validationProperty() {
        return inputs.validationProperty();
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
        return job.runningProperty();
    }

    /** @return the phase in words */
    public ReadOnlyStringProperty phaseProperty() {
        return progress.phaseProperty();
    }

    /** @return time left in words */
    public ReadOnlyStringProperty etaProperty() {
        return progress.etaProperty();
    }

    /** @return progress 0..1, negative when unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.progressProperty();
    }

    /** @return the result in words */
    public ReadOnlyStringProperty resultProperty() {
        return job.resultProperty();
    }

    /** @return what the result line reports (it is coloured by it) */
    public ReadOnlyObjectProperty<ResultKind> resultKindProperty() {
        return job.resultKindProperty();
    }

    /** @return the test accuracy of the last run, NaN before */
    public ReadOnlyDoubleProperty testAccuracyProperty() {
        return job.testAccuracyProperty();
    }

    /** @return where the last model was saved */
    public ReadOnlyObjectProperty<Path> savedToProperty() {
        return job.savedToProperty();
    }

    /** @return every batch's loss of the run (x: fractional epoch), read-only */
    public List<CurvePoint> batchLoss() {
        return curves.batchLoss().all();
    }

    /** @return every point of the smoothed batch loss, read-only */
    public List<CurvePoint> smoothedLoss() {
        return curves.smoothedLoss().all();
    }

    /**
     * @return the batch loss to draw: at most {@link DecimatedCurve#DEFAULT_CAP} points, each the
     *     mean of adjacent batches, so a long run does not slow the UI thread down
     */
    public ObservableList<CurvePoint> batchLossShown() {
        return curves.batchLoss().shown();
    }

    /** @return the smoothed loss to draw, decimated like {@link #batchLossShown()} */
    public ObservableList<CurvePoint> smoothedLossShown() {
        return curves.smoothedLoss().shown();
    }

    /** @return mean training loss per epoch */
    public ObservableList<CurvePoint> trainLoss() {
        return curves.trainLoss();
    }

    /** @return validation loss per epoch */
    public ObservableList<CurvePoint> validationLoss() {
        return curves.validationLoss();
    }

    /** @return validation accuracy per epoch */
    public ObservableList<CurvePoint> validationAccuracy() {
        return curves.validationAccuracy();
    }

    /** @return how many coalesced UI updates the last run made */
    public int uiUpdates() {
        return job.uiUpdates();
    }
}
