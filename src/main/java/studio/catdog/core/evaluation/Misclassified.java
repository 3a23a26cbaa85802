package studio.catdog.core.evaluation;

import java.nio.file.Path;

/**
 * A test image the model got wrong.
 *
 * @param path the image file
 * @param trueClass its class
 * @param predictedClass the model's answer
 * @param probabilities probability per class, in class order
 * @param loss cross-entropy of the true class: higher means more confidently wrong
 */
public record Misclassified(Path path, String trueClass, String predictedClass, float[] probabilities, double loss) {}
