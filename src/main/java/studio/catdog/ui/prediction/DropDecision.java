package studio.catdog.ui.prediction;

import java.nio.file.Path;
import java.util.List;

/**
 * The decision for a set of dropped files: which are predicted and which are refused.
 *
 * @param accepted images to classify, in the given order
 * @param refused the rest, with reasons
 */
public record DropDecision(List<Path> accepted, List<DropRefusal> refused) {}
