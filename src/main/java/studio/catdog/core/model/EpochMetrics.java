package studio.catdog.core.model;

/**
 * The measurements of one finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param epochs the total number of epochs
 * @param trainLoss mean cross-entropy over the epoch's training batches
 * @param trainAccuracy accuracy over the epoch's training batches
 * @param validationLoss mean cross-entropy on the validation split (NaN without one)
 * @param validationAccuracy accuracy on the validation split (NaN without one)
 * @param seconds wall time of the epoch
 * @param bestEpoch the epoch with the lowest validation loss so far, this one included (0 without validation)
 */
public record EpochMetrics(
        int epoch,
        int epochs,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double seconds,
        int bestEpoch) {

    /**
     * @param value the best epoch so far
     * @return a copy that names it
     */
    public EpochMetrics withBestEpoch(int value) {
        return new EpochMetrics(
                epoch, epochs, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, value);
    }
}
