package studio.catdog.ui.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.catdog.core.evaluation.CalibrationReport;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.evaluation.TemperatureChoice;
import studio.catdog.ui.common.Session;

/** The calibration workspace's logic on a hand-made evaluation; no toolkit. */
class CalibrationViewModelTest {

    /** Six test images: true labels and P(dogs). */
    private static EvaluationReport report() {
        int[] labels = {0, 0, 0, 1, 1, 1};
        float[] dog = {0.1f, 0.4f, 0.7f, 0.3f, 0.6f, 0.9f};
        float[][] probs = new float[6][];
        float[][] logits = new float[6][];
        for (int i = 0; i < 6; i++) {
            probs[i] = new float[] {1 - dog[i], dog[i]};
            logits[i] = new float[] {0, (float) Math.log(dog[i] / (1 - dog[i]))};
        }
        CalibrationReport cal = CalibrationReport.of(logits, labels, 1.5);
        return new EvaluationReport(
                List.of("cats", "dogs"),
                6,
                4 / 6.0,
                0.5,
                List.of(),
                new int[][] {{2, 1}, {1, 2}},
                0.8,
                List.of(),
                cal,
                labels,
                probs);
    }

    @Test
    void movingTheThresholdUpdatesTheConfusionMatrixAndTheOperatingPoint() {
        Session session = new Session();
        CalibrationViewModel vm = new CalibrationViewModel(session);
        assertThat(vm.confusionProperty().get()).isNull();
        assertThat(vm.calibrationTextProperty().get()).startsWith("No evaluation yet");

        session.evaluationProperty().set(report());

        assertThat(vm.twoClassesProperty().get()).isTrue();
        assertThat(vm.confusionProperty().get()).isDeepEqualTo(new int[][] {{2, 1}, {1, 2}});
        assertThat(vm.operatingPointProperty().get().x()).isEqualTo(1 / 3.0);
        assertThat(vm.thresholdTextProperty().get()).startsWith("Answer dogs when P(dogs) \u2265 0.50");
        vm.thresholdProperty().set(0.05);
        assertThat(vm.confusionProperty().get()).isDeepEqualTo(new int[][] {{0, 3}, {0, 3}});
        vm.thresholdProperty().set(0.8);
        assertThat(vm.confusionProperty().get()).isDeepEqualTo(new int[][] {{3, 0}, {2, 1}});
        assertThat(vm.operatingPointProperty().get().x()).isZero();
        assertThat(vm.operatingPointProperty().get().y()).isEqualTo(1 / 3.0);
    }

    @Test
    void showsTheReliabilityBinsTheTemperatureAndTheRocCurve() {
        Session session = new Session();
        CalibrationViewModel vm = new CalibrationViewModel(session);
        EvaluationReport r = report();
        session.evaluationProperty().set(r);

        assertThat(vm.calibrationTextProperty().get())
                .startsWith("Temperature scaling is on (T = 1.50), as saved with the model.")
                .contains("on 6 test images");
        assertThat(vm.scalingUsedProperty().get())
                .as("T = 1.50 as saved: a scaled curve to show")
                .isTrue();
        // Trained here: the validation measurement says whether scaling is used, before and after.
        session.evaluationProperty()
                .set(r.withCalibration(r.calibration().withValidation(new TemperatureChoice(1.3, 0.008, 0.009, 400))));
        assertThat(vm.calibrationTextProperty().get())
                .startsWith("On the 400 validation images, temperature scaling (T = 1.30) did not lower the"
                        + " calibration error (0.8 % before, 0.9 % after), so it is off: T = 1")
                .contains("on 6 test images");
        assertThat(vm.scalingUsedProperty().get())
                .as("not kept: one curve, the model's own")
                .isFalse();
        session.evaluationProperty().set(r);
        long filled =
                r.calibration().before().stream().filter(b -> b.count() > 0).count();
        assertThat(vm.reliabilityBefore()).hasSize((int) filled);
        assertThat(vm.reliabilityAfter()).isNotEmpty();
        assertThat(vm.roc()).hasSize(r.curve().size());
        assertThat(vm.roc().get(0).x()).isZero();
        assertThat(vm.roc().get(vm.roc().size() - 1).y()).isEqualTo(1.0);
        assertThat(vm.rocTitleProperty().get()).isEqualTo("ROC curve (dogs positive)");

        session.evaluationProperty().set(null);
        assertThat(vm.roc()).isEmpty();
        assertThat(vm.twoClassesProperty().get()).isFalse();
    }

    @Test
    void longCurvesAreThinnedKeepingBothEnds() {
        int n = 3001;
        int[] labels = new int[n];
        float[][] probs = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            float p = (i + 0.5f) / n;
            probs[i] = new float[] {1 - p, p};
        }
        var curve = Evaluator.curve(labels, probs);
        var thin = CalibrationViewModel.decimate(curve);
        assertThat(thin).hasSizeLessThanOrEqualTo(CalibrationViewModel.MAX_CURVE_POINTS + 1);
        assertThat(thin.get(0).x()).isZero();
        assertThat(thin.get(thin.size() - 1).x()).isEqualTo(1.0);
    }
}
