package studio.catdog.core.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Computes evaluation metrics from predicted probabilities. Pure Java; no engine needed. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Evaluates predictions.
     *
     * @param classes class names
     * @param paths the images, aligned with the other arrays
     * @param labels the true labels
     * @param probabilities predicted probabilities per image, in class order
     * @return the report
     */
    public static EvaluationReport evaluate(
            List<String> classes, List<Path> paths, int[] labels, float[][] probabilities) {
        int k = classes.size();
        int n = labels.length;
        if (paths.size() != n || probabilities.length != n) {
            throw new IllegalArgumentException("paths, labels and probabilities must align");
        }
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        int correct = 0;
        List<Misclassified> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int predicted = argMax(probabilities[i]);
            confusion[labels[i]][predicted]++;
            double loss = -Math.log(Math.max(probabilities[i][labels[i]], 1e-12));
            lossSum += loss;
            if (predicted == labels[i]) {
                correct++;
            } else {
                wrong.add(new Misclassified(
                        paths.get(i), classes.get(labels[i]), classes.get(predicted), probabilities[i].clone(), loss));
            }
        }
        wrong.sort(Comparator.comparingDouble(Misclassified::loss)
                .reversed()
                .thenComparing(m -> m.path().toString()));
        List<ClassMetrics> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int predictedAsC = 0;
            int actualC = 0;
            for (int j = 0; j < k; j++) {
                predictedAsC += confusion[j][c];
                actualC += confusion[c][j];
            }
            double precision = predictedAsC == 0 ? 0 : (double) tp / predictedAsC;
            double recall = actualC == 0 ? 0 : (double) tp / actualC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(classes.get(c), precision, recall, f1, actualC));
        }
        double auc = k == 2 ? rocAuc(labels, probabilities) : Double.NaN;
        return new EvaluationReport(
                classes,
                n,
                n == 0 ? 0 : (double) correct / n,
                n == 0 ? 0 : lossSum / n,
                perClass,
                confusion,
                auc,
                wrong,
                null,
                labels,
                probabilities);
    }

    /**
     * Evaluates from logits with a calibration temperature, measuring calibration too.
     *
     * @param classes class names
     * @param paths the images
     * @param labels the true labels
     * @param logits the head's logits per image
     * @param temperature the calibration temperature
     * @return the report, with calibration
     */
    public static EvaluationReport evaluate(
            List<String> classes, List<Path> paths, int[] labels, float[][] logits, double temperature) {
        EvaluationReport r = evaluate(classes, paths, labels, Calibration.softmax(logits, temperature));
        return new EvaluationReport(
                r.classes(),
                r.images(),
                r.accuracy(),
                r.meanLoss(),
                r.perClass(),
                r.confusion(),
                r.rocAuc(),
                r.misclassified(),
                CalibrationReport.of(logits, labels, temperature),
                r.labels(),
                r.probabilities());
    }

    /**
     * ROC AUC for two classes, class 1 positive: the probability that a random positive scores above
     * a random negative (ties count half), computed from ranks.
     */
    static double rocAuc(int[] labels, float[][] probabilities) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i][1]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && probabilities[order[j + 1]][1] == probabilities[order[i]][1]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The ROC and precision/recall curves: one point per distinct score, from the strictest threshold
     * (nothing positive) to the loosest (everything positive).
     *
     * @param labels true labels (0 or 1)
     * @param probabilities probabilities per image
     * @return the points
     */
    public static List<ThresholdPoint> curve(int[] labels, float[][] probabilities) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i][1]).reversed());
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = n - positives;
        List<ThresholdPoint> points = new ArrayList<>();
        points.add(new ThresholdPoint(Double.POSITIVE_INFINITY, 0, 0, 1));
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < n) {
            double score = probabilities[order[i]][1];
            while (i < n && probabilities[order[i]][1] == score) {
                if (labels[order[i]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new ThresholdPoint(
                    score,
                    negatives == 0 ? 0 : (double) fp / negatives,
                    positives == 0 ? 0 : (double) tp / positives,
                    tp + fp == 0 ? 1 : (double) tp / (tp + fp)));
        }
        return points;
    }

    /**
     * The confusion matrix when class 1 is answered at or above a probability threshold.
     *
     * @param labels true labels (0 or 1)
     * @param probabilities probabilities per image
     * @param threshold the threshold on class 1's probability
     * @return {@code [true][predicted]} counts
     */
    public static int[][] confusionAtThreshold(int[] labels, float[][] probabilities, double threshold) {
        int[][] m = new int[2][2];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][probabilities[i][1] >= threshold ? 1 : 0]++;
        }
        return m;
    }

    /**
     * Index of the largest value (the first on ties).
     *
     * @param values the values
     * @return the index
     */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
