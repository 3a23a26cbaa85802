package studio.catdog.core.training;

import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.model.TrainingStop;

/**
 * How the head is trained. Every value is validated; {@link #defaults()} suit a frozen ImageNet
 * backbone with a few thousand images.
 *
 * @param epochs passes over the training features
 * @param batchSize feature vectors per step
 * @param learningRate the optimizer's step size
 * @param optimizer Adam or SGD with momentum
 * @param seed seeds the validation split, initial weights and shuffling: same seed, same model
 * @param hiddenUnits 0 for a linear head, else the width of one hidden ReLU layer
 * @param validationFraction share of the training images held out to validate each epoch (0 for none)
 * @param weightDecay L2 penalty on the weights
 * @param featureLayer the backbone activations to train on: pooled (where the backbone has them) or logits
 * @param earlyStopping stop when the validation loss has not improved for {@code patience} epochs and
 *     keep the weights of the epoch with the lowest validation loss ({@code epochs} stays the upper
 *     bound); without validation images every epoch is trained
 * @param patience epochs without a lower validation loss before training stops (kept while early
 *     stopping is off, so switching it back on restores the value)
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        float learningRate,
        OptimizerKind optimizer,
        long seed,
        int hiddenUnits,
        double validationFraction,
        float weightDecay,
        FeatureLayer featureLayer,
        boolean earlyStopping,
        int patience) {

    /** The patience of {@link #defaults()}; BENCHMARKS.md "Early stopping" has the measurements behind it. */
    public static final int DEFAULT_PATIENCE = 5;

    /** Checks every value and explains what is wrong. */
    public TrainingSettings {
        require(epochs >= 1 && epochs <= 10_000, "epochs must be between 1 and 10000, got " + epochs);
        require(batchSize >= 1 && batchSize <= 65_536, "batch size must be between 1 and 65536, got " + batchSize);
        require(
                learningRate > 0 && learningRate < 10 && Float.isFinite(learningRate),
                "learning rate must be a positive number below 10, got " + learningRate);
        require(optimizer != null, "optimizer is required");
        require(hiddenUnits >= 0 && hiddenUnits <= 65_536, "hidden units must be between 0 and 65536");
        require(
                validationFraction >= 0 && validationFraction < 0.9,
                "validation fraction must be between 0 and 0.9, got " + validationFraction);
        require(weightDecay >= 0 && Float.isFinite(weightDecay), "weight decay must not be negative");
        require(featureLayer != null, "feature layer is required");
        require(patience >= 1 && patience <= 10_000, "patience must be between 1 and 10000 epochs, got " + patience);
    }

    /**
     * @return the defaults: at most 15 epochs, batch 32, Adam at 0.001, seed 42, linear head, 10% validation,
     *     {@link FeatureLayer#DEFAULT} features, early stopping with a patience of {@link #DEFAULT_PATIENCE}
     */
    public static TrainingSettings defaults() {
        return new TrainingSettings(
                15, 32, 1e-3f, OptimizerKind.ADAM, 42, 0, 0.1, 1e-4f, FeatureLayer.DEFAULT, true, DEFAULT_PATIENCE);
    }

    /**
     * Whether this run can stop early: switched on and holding out validation images. (A data set
     * too small to hold any out per class also trains every epoch; {@link TrainingStop} reports it.)
     *
     * @return true when the validation loss decides when to stop
     */
    public boolean stopsEarly() {
        return earlyStopping && validationFraction > 0;
    }

    /**
     * @param value new epoch count
     * @return a copy with that epoch count
     */
    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(
                value,
                batchSize,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    /**
     * @param value new batch size
     * @return a copy with that batch size
     */
    public TrainingSettings withBatchSize(int value) {
        return new TrainingSettings(
                epochs,
                value,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    /**
     * @param value new learning rate
     * @return a copy with that learning rate
     */
    public TrainingSettings withLearningRate(float value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                value,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    /**
     * @param value new seed
     * @return a copy with that seed
     */
    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                value,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    /**
     * @param value new hidden layer width (0 for none)
     * @return a copy with that head shape
     */
    public TrainingSettings withHiddenUnits(int value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                seed,
                value,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    /**
     * @param value the backbone activations to train on
     * @return a copy with that feature layer
     */
    public TrainingSettings withFeatureLayer(FeatureLayer value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                value,
                earlyStopping,
                patience);
    }

    /**
     * @param value whether to stop when the validation loss stops improving
     * @return a copy with early stopping switched on or off
     */
    public TrainingSettings withEarlyStopping(boolean value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                value,
                patience);
    }

    /**
     * @param value epochs without improvement before stopping
     * @return a copy with that patience
     */
    public TrainingSettings withPatience(int value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                validationFraction,
                weightDecay,
                featureLayer,
                earlyStopping,
                value);
    }

    /**
     * @param value share of the training images held out for validation
     * @return a copy with that validation share
     */
    public TrainingSettings withValidationFraction(double value) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                optimizer,
                seed,
                hiddenUnits,
                value,
                weightDecay,
                featureLayer,
                earlyStopping,
                patience);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new CatdogException("Invalid training setting: " + message + ".");
        }
    }
}
