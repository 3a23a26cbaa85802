package studio.catdog.ui.runs;

import java.util.List;
import studio.catdog.ui.training.CurvePoint;

/**
 * A named curve to overlay.
 *
 * @param name "Run 2 (lr 0.001)"
 * @param points the points
 */
public record NamedCurve(String name, List<CurvePoint> points) {}
