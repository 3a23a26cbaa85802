package studio.catdog.core.training;

import studio.catdog.core.model.EpochMetrics;

/**
 * Plain callbacks for the progress of a training run. They are called on the model worker thread:
 * implementations copy the values and return quickly (the UI coalesces them before showing).
 */
public interface TrainingObserver {

    /**
     * The run entered a phase or made progress within it.
     *
     * @param phase the current phase
     * @param done units done (images while extracting, epochs while training)
     * @param total units in the phase
     * @param etaSeconds estimated seconds left in the phase, NaN when unknown
     */
    default void onPhase(Phase phase, int done, int total, double etaSeconds) {}

    /**
     * A training batch finished.
     *
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     * @param batchesPerEpoch batches in one epoch
     * @param loss the batch's mean cross-entropy
     */
    default void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {}

    /**
     * An epoch finished.
     *
     * @param metrics its measurements
     */
    default void onEpoch(EpochMetrics metrics) {}

    /** An observer that ignores everything. */
    TrainingObserver NONE = new TrainingObserver() {};
}
