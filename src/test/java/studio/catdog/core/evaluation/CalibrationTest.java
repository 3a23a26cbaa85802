package studio.catdog.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Logits of an overconfident model: right 80% of the time but with margins as if it were always sure. */
    private static float[][] overconfident(int n, int[] labels, Random r) {
        float[][] logits = new float[n][2];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            int predicted = r.nextDouble() < 0.8 ? labels[i] : 1 - labels[i];
            logits[i][predicted] = (float) (6 + r.nextGaussian());
            logits[i][1 - predicted] = 0;
        }
        return logits;
    }

    @Test
    void temperatureScalingFixesAnOverconfidentModelWithoutChangingItsAnswers() {
        Random r = new Random(5);
        int[] labelsFit = new int[4000];
        float[][] fit = overconfident(4000, labelsFit, r);
        int[] labelsTest = new int[4000];
        float[][] test = overconfident(4000, labelsTest, r);

        double t = Calibration.fitTemperature(fit, labelsFit);
        assertThat(t).isGreaterThan(2);
        float[][] before = Calibration.softmax(test, 1);
        float[][] after = Calibration.softmax(test, t);
        double eceBefore = Calibration.expectedCalibrationError(before, labelsTest, 15);
        double eceAfter = Calibration.expectedCalibrationError(after, labelsTest, 15);
        assertThat(eceBefore).isGreaterThan(0.15);
        assertThat(eceAfter).isLessThan(0.05);
        for (int i = 0; i < test.length; i++) {
            assertThat(Evaluator.argMax(after[i])).isEqualTo(Evaluator.argMax(before[i]));
        }
        assertThat(Calibration.negativeLogLikelihood(test, labelsTest, t))
                .isLessThan(Calibration.negativeLogLikelihood(test, labelsTest, 1));
    }

    @Test
    void aTemperatureIsKeptOnlyWhereItLowersTheValidationCalibrationError() {
        Random r = new Random(6);
        int[] labels = new int[2000];
        float[][] logits = overconfident(2000, labels, r);
        TemperatureChoice helps = Calibration.chooseTemperature(logits, labels);
        assertThat(helps.images()).isEqualTo(2000);
        assertThat(helps.eceBefore())
                .isCloseTo(
                        Calibration.expectedCalibrationError(Calibration.softmax(logits, 1), labels, 15),
                        within(1e-12));
        assertThat(helps.eceAfter()).isLessThan(helps.eceBefore());
        assertThat(helps.kept()).isTrue();
        assertThat(helps.temperature()).isEqualTo(helps.fitted()).isGreaterThan(2);

        // The case: scaling moved the validation error from 0.8 % to 0.9 %: not used, T = 1.
        TemperatureChoice worse = new TemperatureChoice(1.3, 0.008, 0.009, 400);
        assertThat(worse.kept()).isFalse();
        assertThat(worse.temperature()).isEqualTo(1.0);
        // Four validation images measure nothing: the tiny case, T = 1 whatever the errors say.
        TemperatureChoice tiny = new TemperatureChoice(0.11, 0.014, 0.0, 4);
        assertThat(tiny.tooFewImages()).isTrue();
        assertThat(tiny.temperature()).isEqualTo(1.0);
        // No validation images: nothing fitted, nothing used.
        assertThat(Calibration.chooseTemperature(new float[0][], new int[0]).temperature())
                .isEqualTo(1.0);
    }

    @Test
    void reliabilityBinsCountEveryAnswerOnce() {
        float[][] p = {{0.95f, 0.05f}, {0.55f, 0.45f}, {0.2f, 0.8f}};
        var bins = Calibration.reliability(p, new int[] {0, 1, 1}, 10);
        assertThat(bins).hasSize(10);
        assertThat(bins.stream().mapToInt(CalibrationBin::count).sum()).isEqualTo(3);
        assertThat(bins.get(9).accuracy()).isEqualTo(1.0);
        assertThat(bins.get(5).accuracy()).isEqualTo(0.0);
        assertThat(Calibration.softmax(new float[][] {{0, 0}}, 1)[0][0]).isCloseTo(0.5f, within(1e-6f));
    }
}
