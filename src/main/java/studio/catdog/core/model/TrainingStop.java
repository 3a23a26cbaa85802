package studio.catdog.core.model;

/**
 * How many epochs a run trained and which epoch's weights its head keeps.
 *
 * @param epochLimit the epochs asked for (the upper bound)
 * @param epochsRun the epochs actually trained
 * @param bestEpoch the epoch with the lowest validation loss; 0 when the run had no validation images
 * @param keptEpoch the epoch whose weights the head holds: the best epoch when early stopping was in
 *     effect, else the last epoch
 * @param earlyStopping whether early stopping was in effect (switched on and validation images held out)
 * @param patience the patience used (meaningful only when {@code earlyStopping})
 * @param note why early stopping was not in effect although asked for, or empty
 */
public record TrainingStop(
        int epochLimit, int epochsRun, int bestEpoch, int keptEpoch, boolean earlyStopping, int patience, String note) {

    /** A missing note is empty. */
    public TrainingStop {
        note = note == null ? "" : note;
    }

    /** @return true when training ended before the epoch limit because the validation loss stopped improving */
    public boolean stoppedEarly() {
        return earlyStopping && epochsRun < epochLimit;
    }

    /**
     * @return one line for people, e.g. "stopped early at epoch 5 of 15, best epoch 2 (patience 3)"
     *     or "trained all 15 epochs, best epoch 12"
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (stoppedEarly()) {
            text.append("stopped early at epoch ")
                    .append(epochsRun)
                    .append(" of ")
                    .append(epochLimit)
                    .append(", best epoch ")
                    .append(bestEpoch)
                    .append(" (patience ")
                    .append(patience)
                    .append(')');
        } else {
            text.append("trained all ").append(epochsRun).append(epochsRun == 1 ? " epoch" : " epochs");
            if (bestEpoch > 0) {
                text.append(", best epoch ").append(bestEpoch);
                if (!earlyStopping && keptEpoch != bestEpoch) {
                    text.append(" (early stopping off: the model keeps epoch ")
                            .append(keptEpoch)
                            .append(')');
                }
            }
        }
        if (!note.isEmpty()) {
            text.append("; ").append(note);
        }
        return text.toString();
    }
}
