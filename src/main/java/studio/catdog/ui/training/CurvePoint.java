package studio.catdog.ui.training;

/**
 * A point of a chart curve.
 *
 * @param x the batch step or epoch
 * @param y the value
 */
public record CurvePoint(double x, double y) {}
