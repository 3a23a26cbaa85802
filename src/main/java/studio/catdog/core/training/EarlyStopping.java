package studio.catdog.core.training;

/**
 * Decides when training stops helping: follows the validation loss epoch by epoch, remembers the
 * epoch with the lowest one, and says when {@code patience} epochs in a row have not gone below it.
 * Plain arithmetic (no NDArrays), so the rule is tested on its own.
 *
 * <p>"Improved" means strictly lower: an epoch that only equals the best does not move the best
 * epoch, so the earlier (shorter-trained) weights win a tie.
 */
public final class EarlyStopping {

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    /**
     * @param patience epochs without a lower validation loss before {@link #shouldStop()} says so
     */
    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Takes one finished epoch's validation loss.
     *
     * @param epoch the 1-based epoch
     * @param validationLoss its validation loss; NaN (no validation) never counts as an improvement
     * @return true when this epoch is the new best
     */
    public boolean record(int epoch, double validationLoss) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    /** @return true once {@code patience} epochs in a row have not improved on the best */
    public boolean shouldStop() {
        return epochsWithoutImprovement >= patience;
    }

    /** @return the epoch with the lowest validation loss so far, 0 before any */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the lowest validation loss so far, +infinity before any */
    public double bestLoss() {
        return bestLoss;
    }
}
