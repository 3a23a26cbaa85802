package studio.catdog.ui.training;

import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.catdog.core.Eta;
import studio.catdog.core.training.Phase;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;

/**
 * How far a training run is, in words and as a fraction: its phase ("Extracting features 40 / 200",
 * "Epoch 3 / 15 — batch 7 / 20"), the progress bar's value (negative when unknown) and the time left.
 * During training the time left comes from the batches done since the first training point (or since
 * feature extraction last reported), across all planned epochs. Changed on the UI thread only. No Nodes.
 */
final class TrainingProgress {

    private final LongSupplier nanoClock;
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private long runStartNanos;
    private int plannedEpochs;

    /** Times the run with {@link System#nanoTime()}. */
    TrainingProgress() {
        this(System::nanoTime);
    }

    /** @param nanoClock the time in nanoseconds, for the time left */
    TrainingProgress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * The run's first training point arrived: its epochs and batches are counted from now.
     *
     * @param epochs the epochs the run plans
     */
    void newRun(int epochs) {
        progress.set(-1);
        eta.set("");
        plannedEpochs = epochs;
        runStartNanos = nanoClock.getAsLong();
    }

    /**
     * Shows the newest phase report of the run.
     *
     * @param p the phase
     * @param done units done (kilobytes, images, epochs)
     * @param total units in all
     * @param etaSeconds the time left the run estimated, NaN when unknown
     */
    void showPhase(Phase p, int done, int total, double etaSeconds) {
        switch (p) {
            case LOADING_BACKBONE -> {
                phase.set(Messages.get("training.phase.loading"));
                progress.set(-1);
                eta.set("");
            }
            case DOWNLOADING_BACKBONE -> {
                phase.set(Messages.get(
                        "training.phase.downloading",
                        Formats.decimal(done / 1e3 * 1.024, 1),
                        Formats.decimal(total / 1e3 * 1.024, 1)));
                progress.set(total > 0 ? (double) done / total : -1);
                eta.set(Formats.timeLeft(etaSeconds));
            }
            case EXTRACTING -> {
                phase.set(Messages.get("training.phase.extracting", done, total));
                progress.set(total > 0 ? (double) done / total : -1);
                eta.set(Formats.timeLeft(etaSeconds));
                runStartNanos = nanoClock.getAsLong();
            }
            case TRAINING -> {
                phase.set(Messages.get("training.phase.epoch", Math.min(done + 1, total), total));
                progress.set(total > 0 ? (double) done / total : -1);
                eta.set(Formats.timeLeft(etaSeconds));
            }
            case EVALUATING -> {
                phase.set(Messages.get("training.phase.evaluating"));
                progress.set(-1);
                eta.set("");
            }
        }
    }

    /**
     * Shows the newest batch of the run, with the time left by the rate of the batches so far.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within the epoch, from 1
     * @param perEpoch batches per epoch
     */
    void showBatch(int epoch, int batch, int perEpoch) {
        int total = Math.max(1, plannedEpochs * perEpoch);
        int done = (epoch - 1) * perEpoch + batch;
        double fraction = Math.min(1, (double) done / total);
        phase.set(Messages.get("training.phase.batch", epoch, plannedEpochs, batch, perEpoch));
        progress.set(fraction);
        double elapsed = (nanoClock.getAsLong() - runStartNanos) / 1e9;
        // The first 2 % are too few batches for a rate worth showing.
        eta.set(fraction > 0.02 ? Formats.timeLeft(Eta.secondsLeft(elapsed, done, total)) : "");
    }

    /**
     * Sets the progress bar's value with no time left (a run starting or ending); the phase is set
     * separately.
     *
     * @param fraction the progress bar's value, negative when unknown
     */
    void reset(double fraction) {
        progress.set(fraction);
        eta.set("");
    }

    /** @param text the phase in words */
    void setPhase(String text) {
        phase.set(text);
    }

    /** @return the epochs the run shown plans, for putting back with its curves */
    int plannedEpochs() {
        return plannedEpochs;
    }

    /** @param epochs the epochs of the run whose curves were put back */
    void setPlannedEpochs(int epochs) {
        plannedEpochs = epochs;
    }

    /** @return the phase in words */
    ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** @return time left in words */
    ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** @return progress 0..1, negative when unknown */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
