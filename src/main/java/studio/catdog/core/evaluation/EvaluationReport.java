package studio.catdog.core.evaluation;

import java.util.List;

/**
 * How well a model does on the test split.
 *
 * @param classes class names; rows and columns of the confusion matrix follow this order
 * @param images number of test images evaluated
 * @param accuracy share predicted correctly
 * @param meanLoss mean cross-entropy
 * @param perClass precision, recall and F1 per class
 * @param confusion {@code confusion[true][predicted]} counts
 * @param rocAuc area under the ROC curve for two classes (class 1 as positive), NaN otherwise
 * @param misclassified wrong answers, most confidently wrong first
 * @param calibration how trustworthy the probabilities are, or null when not measured
 * @param labels the true label of each evaluated image (for curves and thresholds)
 * @param probabilities the predicted probabilities of each evaluated image
 */
public record EvaluationReport(
        List<String> classes,
        int images,
        double accuracy,
        double meanLoss,
        List<ClassMetrics> perClass,
        int[][] confusion,
        double rocAuc,
        List<Misclassified> misclassified,
        CalibrationReport calibration,
        int[] labels,
        float[][] probabilities) {

    /** Copies the lists. */
    public EvaluationReport {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
        misclassified = List.copyOf(misclassified);
        labels = labels == null ? new int[0] : labels.clone();
        probabilities = probabilities == null ? new float[0][] : probabilities.clone();
    }

    /**
     * @param c the calibration measurement
     * @return this report with it
     */
    public EvaluationReport withCalibration(CalibrationReport c) {
        return new EvaluationReport(
                classes,
                images,
                accuracy,
                meanLoss,
                perClass,
                confusion,
                rocAuc,
                misclassified,
                c,
                labels,
                probabilities);
    }

    /**
     * A report without calibration or per-image data.
     *
     * @param classes class names
     * @param images images evaluated
     * @param accuracy accuracy
     * @param meanLoss mean cross-entropy
     * @param perClass per-class metrics
     * @param confusion confusion matrix
     * @param rocAuc ROC AUC
     * @param misclassified wrong answers
     */
    public EvaluationReport(
            List<String> classes,
            int images,
            double accuracy,
            double meanLoss,
            List<ClassMetrics> perClass,
            int[][] confusion,
            double rocAuc,
            List<Misclassified> misclassified) {
        this(classes, images, accuracy, meanLoss, perClass, confusion, rocAuc, misclassified, null, null, null);
    }

    /**
     * The ROC / precision-recall curve (two classes only).
     *
     * @return the points, empty for more than two classes
     */
    public List<ThresholdPoint> curve() {
        return classes.size() == 2 && labels.length > 0 ? Evaluator.curve(labels, probabilities) : List.of();
    }

    /**
     * The confusion matrix when the second class is answered from this probability on.
     *
     * @param threshold the threshold on the second class's probability
     * @return the matrix; the plain one for more than two classes
     */
    public int[][] confusionAt(double threshold) {
        return classes.size() == 2 && labels.length > 0
                ? Evaluator.confusionAtThreshold(labels, probabilities, threshold)
                : confusion;
    }
}
