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
 */
public record EvaluationReport(List<String> classes, int images, double accuracy, double meanLoss,
                               List<ClassMetrics> perClass, int[][] confusion, double rocAuc,
                               List<Misclassified> misclassified) {

    /** Copies the lists. */
    public EvaluationReport {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
        misclassified = List.copyOf(misclassified);
    }
}
