package studio.catdog.core.prediction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.model.NoveltyDetector;

/**
 * A classifier's answer for one image.
 *
 * @param source the file name or other description of the image
 * @param classes class names, in the order of {@code probabilities}
 * @param probabilities probability per class, summing to 1
 * @param noveltyScore how unlike the training images it is (see {@link NoveltyDetector}); NaN when unknown
 * @param noveltyThreshold scores above this mean "looks like none of the classes"; NaN when unknown
 * @param damage why the image file is damaged (it ends early, or the decoder warned about it), in plain words;
 *     null when it is whole. A damaged image was predicted from what could be read: say so beside the answer
 */
public record Prediction(
        String source,
        List<String> classes,
        float[] probabilities,
        double noveltyScore,
        double noveltyThreshold,
        String damage) {

    /** Copies the inputs. */
    public Prediction {
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
    }

    /**
     * A prediction of a whole (undamaged) image.
     *
     * @param source the image's name
     * @param classes class names
     * @param probabilities probability per class
     * @param noveltyScore how unlike the training images it is; NaN when unknown
     * @param noveltyThreshold the model's "neither class" threshold; NaN when unknown
     */
    public Prediction(
            String source, List<String> classes, float[] probabilities, double noveltyScore, double noveltyThreshold) {
        this(source, classes, probabilities, noveltyScore, noveltyThreshold, null);
    }

    /**
     * @param why why the image file is damaged, or null
     * @return this prediction with that damage
     */
    public Prediction withDamage(String why) {
        return new Prediction(source, classes, probabilities, noveltyScore, noveltyThreshold, why);
    }

    /** @return whether the image file is damaged (ends early, or the decoder warned) */
    public boolean damaged() {
        return damage != null;
    }

    /**
     * A prediction without a novelty measurement.
     *
     * @param source the image's name
     * @param classes class names
     * @param probabilities probability per class
     */
    public Prediction(String source, List<String> classes, float[] probabilities) {
        this(source, classes, probabilities, Double.NaN, Double.NaN);
    }

    /** @return whether the image looks like none of the classes at the model's threshold (false when unknown) */
    public boolean unfamiliar() {
        return unfamiliarAt(noveltyThreshold);
    }

    /**
     * Whether the image looks like none of the classes at another threshold (the user's); the score
     * comes with the prediction, so a moved threshold needs no new run of the model.
     *
     * @param threshold the novelty threshold
     * @return whether the score is above it (false when either is NaN)
     */
    public boolean unfamiliarAt(double threshold) {
        return noveltyScore > threshold;
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** @return the index of the most probable class */
    public int bestIndex() {
        return Evaluator.argMax(probabilities);
    }

    /** @return the most probable class */
    public String label() {
        return classes.get(bestIndex());
    }

    /** @return the probability of the most probable class */
    public float confidence() {
        return probabilities[bestIndex()];
    }

    /** @return class name to probability, in class order */
    public Map<String, Float> asMap() {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            map.put(classes.get(i), probabilities[i]);
        }
        return map;
    }
}
