package studio.catdog.core.evaluation;

import java.util.List;

/**
 * How well predicted probabilities match reality on the test split, before and after temperature
 * scaling.
 *
 * @param temperature the fitted temperature (1 = none)
 * @param eceBefore expected calibration error without temperature scaling
 * @param eceAfter expected calibration error with it
 * @param before reliability diagram without temperature scaling
 * @param after reliability diagram with it
 */
public record CalibrationReport(
        double temperature,
        double eceBefore,
        double eceAfter,
        List<Calibration.Bin> before,
        List<Calibration.Bin> after) {

    /** The number of reliability bins used. */
    public static final int BINS = 15;

    /** Copies the lists. */
    public CalibrationReport {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /**
     * Measures calibration from logits.
     *
     * @param logits test logits
     * @param labels true labels
     * @param temperature the fitted temperature
     * @return the report
     */
    public static CalibrationReport of(float[][] logits, int[] labels, double temperature) {
        float[][] raw = Calibration.softmax(logits, 1);
        float[][] scaled = Calibration.softmax(logits, temperature);
        return new CalibrationReport(
                temperature,
                Calibration.expectedCalibrationError(raw, labels, BINS),
                Calibration.expectedCalibrationError(scaled, labels, BINS),
                Calibration.reliability(raw, labels, BINS),
                Calibration.reliability(scaled, labels, BINS));
    }
}
