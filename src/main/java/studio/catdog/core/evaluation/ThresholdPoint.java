package studio.catdog.core.evaluation;

/**
 * A point of the ROC and precision/recall curves for two classes, class 1 positive.
 *
 * @param threshold answer class 1 when its probability is at least this
 * @param falsePositiveRate share of class-0 images answered as class 1
 * @param truePositiveRate share of class-1 images answered as class 1 (recall)
 * @param precision share of class-1 answers that are right (1 when there are none)
 */
public record ThresholdPoint(double threshold, double falsePositiveRate, double truePositiveRate, double precision) {}
