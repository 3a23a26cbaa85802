package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.catdog.core.model.EpochMetrics;

/** The curves' best epoch: its number, legend text and marker, through updates, clear and restore. */
class TrainingCurvesTest {

    private static EpochMetrics epoch(int n, double vLoss, int best) {
        return new EpochMetrics(n, 5, 0.5, 0.8, vLoss, 0.9, 1, best);
    }

    @Test
    void theBestEpochIsNamedAndMarkedAndComesBackWithARestore() {
        TrainingCurves curves = new TrainingCurves();
        assertThat(curves.bestEpochProperty().get()).isZero();
        assertThat(curves.bestEpochLabelProperty().get()).isEqualTo("Best epoch");

        TrainingCurves.Update update = curves.update();
        update.epoch(epoch(1, 0.4, 1));
        update.epoch(epoch(2, 0.3, 2));
        update.apply();
        assertThat(curves.bestEpochProperty().get()).isEqualTo(2);
        assertThat(curves.bestEpochLabelProperty().get()).isEqualTo("Best epoch 2");
        assertThat(curves.bestEpochMarker()).containsExactly(new CurvePoint(2, 0), new CurvePoint(2, 0.9));

        CurvesSnapshot snapshot = curves.snapshot();
        curves.clear();
        assertThat(curves.bestEpochProperty().get()).isZero();
        assertThat(curves.bestEpochLabelProperty().get()).isEqualTo("Best epoch");
        assertThat(curves.bestEpochMarker()).isEmpty();

        curves.restore(snapshot);
        assertThat(curves.bestEpochProperty().get()).isEqualTo(2);
        assertThat(curves.bestEpochLabelProperty().get()).isEqualTo("Best epoch 2");
        assertThat(curves.bestEpochMarker()).hasSize(2);
    }

    @Test
    void theBestEpochChangesOnlyAfterTheMarkerIsDrawn() {
        TrainingCurves curves = new TrainingCurves();
        int[] markerSizeSeen = {-1};
        curves.bestEpochProperty()
                .addListener((o, a, b) ->
                        markerSizeSeen[0] = curves.bestEpochMarker().size());
        TrainingCurves.Update update = curves.update();
        update.epoch(epoch(1, 0.4, 1));
        update.apply();
        assertThat(markerSizeSeen[0]).isEqualTo(2);
    }
}
