package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import studio.catdog.core.training.Phase;

/** The run's progress in words and as a fraction, with a hand-driven clock. */
class TrainingProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TrainingProgress progress = new TrainingProgress(nanos::get);

    @Test
    void eachPhaseHasItsWordsAndFraction() {
        progress.showPhase(Phase.LOADING_BACKBONE, 0, 0, Double.NaN);
        assertThat(progress.phaseProperty().get()).isEqualTo("Loading the backbone");
        assertThat(progress.progressProperty().get()).isNegative();

        progress.showPhase(Phase.DOWNLOADING_BACKBONE, 50_000, 100_000, 30);
        assertThat(progress.phaseProperty().get()).isEqualTo("Downloading the backbone: 51.2 of 102.4 MB");
        assertThat(progress.progressProperty().get()).isEqualTo(0.5);
        assertThat(progress.etaProperty().get()).isEqualTo("30 s left");

        progress.showPhase(Phase.EXTRACTING, 40, 200, 120);
        assertThat(progress.phaseProperty().get()).isEqualTo("Extracting features 40 / 200");
        assertThat(progress.progressProperty().get()).isEqualTo(0.2);
        assertThat(progress.etaProperty().get()).isEqualTo("about 2 min left");

        progress.showPhase(Phase.TRAINING, 15, 15, Double.NaN);
        assertThat(progress.phaseProperty().get())
                .as("the last epoch is never 16 of 15")
                .isEqualTo("Epoch 15 / 15");
        assertThat(progress.etaProperty().get()).isEmpty();

        progress.showPhase(Phase.EVALUATING, 0, 0, 5);
        assertThat(progress.phaseProperty().get()).isEqualTo("Evaluating on the test images");
        assertThat(progress.progressProperty().get()).isNegative();
        assertThat(progress.etaProperty().get()).isEmpty();
    }

    @Test
    void batchesCountAcrossThePlannedEpochsWithTheTimeLeftByTheirRate() {
        nanos.set(1_000_000_000L);
        progress.newRun(10);
        assertThat(progress.plannedEpochs()).isEqualTo(10);
        nanos.addAndGet(1_000_000_000L);
        progress.showBatch(1, 1, 100);
        assertThat(progress.phaseProperty().get()).isEqualTo("Epoch 1 / 10 — batch 1 / 100");
        assertThat(progress.progressProperty().get()).isEqualTo(0.001);
        assertThat(progress.etaProperty().get())
                .as("too few batches for a rate")
                .isEmpty();

        nanos.addAndGet(99_000_000_000L); // 100 s for the first 250 of 1000 batches
        progress.showBatch(3, 50, 100);
        assertThat(progress.progressProperty().get()).isEqualTo(0.25);
        assertThat(progress.etaProperty().get()).isEqualTo("about 5 min left");
    }

    @Test
    void resetShowsAFractionWithNoTimeLeftAndKeepsThePhase() {
        progress.showPhase(Phase.EXTRACTING, 1, 2, 10);
        progress.setPhase("Cancelling…");
        progress.reset(0);
        assertThat(progress.progressProperty().get()).isZero();
        assertThat(progress.etaProperty().get()).isEmpty();
        assertThat(progress.phaseProperty().get()).isEqualTo("Cancelling…");
    }
}
