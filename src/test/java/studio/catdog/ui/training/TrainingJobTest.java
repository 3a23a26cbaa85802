package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.catdog.core.model.TrainingStop;
import studio.catdog.core.service.TrainingOutcome;

/** The result line of a run that succeeded (the job itself is covered by TrainingViewModelTest). */
class TrainingJobTest {

    private static TrainingOutcome outcome(TrainingStop stop) {
        return new TrainingOutcome(null, "CPU", 120, 0, List.of(), 2.5, 0, 1.25, List.of(), null, stop);
    }

    @Test
    void withoutTestImagesTheResultSaysHowManyImagesItTrainedOn() {
        assertThat(TrainingJob.describe(outcome(null)))
                .isEqualTo("Trained on 120 images (no test images to measure accuracy).");
    }

    @Test
    void howTheRunEndedFollowsCapitalised() {
        TrainingStop early = new TrainingStop(40, 7, 4, 4, true, 3, "");
        assertThat(TrainingJob.describe(outcome(early)))
                .isEqualTo(
                        "Trained on 120 images (no test images to measure accuracy). Stopped early at epoch 7 of 40, "
                                + "best epoch 4 (patience 3).");
        TrainingStop all = new TrainingStop(1, 1, 0, 1, false, 3, "");
        assertThat(TrainingJob.describe(outcome(all))).endsWith(" Trained all 1 epoch.");
    }
}
