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
 * @param validation what temperature scaling did on the validation images when the head was trained, and whether
 *     it was kept; null when not known (a model opened from a folder)
 */
public record CalibrationReport(
        double temperature,
        double eceBefore,
        double eceAfter,
        List<CalibrationBin> before,
        List<CalibrationBin> after,
        TemperatureChoice validation) {

    /** The number of reliability bins used. */
    public static final int BINS = 15;

    /** Copies the lists. */
    public CalibrationReport {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /**
     * A report without the validation measurement.
     *
     * @param temperature the temperature used
     * @param eceBefore test ECE without scaling
     * @param eceAfter test ECE with it
     * @param before reliability without scaling
     * @param after reliability with it
     */
    public CalibrationReport(
            double temperature,
            double eceBefore,
            double eceAfter,
            List<CalibrationBin> before,
            List<CalibrationBin> after) {
        this(temperature, eceBefore, eceAfter, before, after, null);
    }

    /**
     * @param choice what temperature scaling did on the validation images
     * @return this report with it
     */
    public CalibrationReport withValidation(TemperatureChoice choice) {
        return new CalibrationReport(temperature, eceBefore, eceAfter, before, after, choice);
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
