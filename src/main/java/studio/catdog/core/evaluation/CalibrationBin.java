package studio.catdog.core.evaluation;

/**
 * One bin of a reliability diagram.
 *
 * @param lower lower confidence bound (inclusive, except for the first bin)
 * @param upper upper confidence bound
 * @param count answers whose confidence falls in the bin
 * @param meanConfidence their mean confidence
 * @param accuracy the share of them that were right (NaN when empty)
 */
public record CalibrationBin(double lower, double upper, int count, double meanConfidence, double accuracy) {}
