package studio.catdog.core.evaluation;

/**
 * Precision, recall and F1 of one class.
 *
 * @param className the class
 * @param precision of the images predicted as this class, the share that are
 * @param recall of the images of this class, the share predicted as it
 * @param f1 the harmonic mean of precision and recall
 * @param support the number of test images of this class
 */
public record ClassMetrics(String className, double precision, double recall, double f1, int support) {}
