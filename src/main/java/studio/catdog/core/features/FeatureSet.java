package studio.catdog.core.features;

import java.util.List;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.dataset.Split;

/**
 * The features of a list of images, in the order given, without the images that failed to decode.
 *
 * @param samples the images that have features
 * @param features their feature vectors, aligned with {@code samples}
 * @param skipped images that could not be decoded, with reasons
 * @param fromCache how many vectors came from the cache
 * @param computed how many were computed by the backbone
 * @param seconds the wall time taken
 */
public record FeatureSet(
        List<ImageSample> samples,
        List<float[]> features,
        List<SkippedFile> skipped,
        int fromCache,
        int computed,
        double seconds) {

    /** Makes the lists unmodifiable. */
    public FeatureSet {
        samples = List.copyOf(samples);
        features = List.copyOf(features);
        skipped = List.copyOf(skipped);
    }

    /** @return the labels, aligned with {@link #features()} */
    public int[] labels() {
        return samples.stream().mapToInt(ImageSample::label).toArray();
    }

    /** @return the number of vectors */
    public int size() {
        return samples.size();
    }

    /**
     * The vectors of one split, with no skipped files and no timings.
     *
     * @param split the split
     * @return its part of this set
     */
    public FeatureSet subset(Split split) {
        List<ImageSample> keptSamples = new java.util.ArrayList<>();
        List<float[]> keptFeatures = new java.util.ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).split() == split) {
                keptSamples.add(samples.get(i));
                keptFeatures.add(features.get(i));
            }
        }
        return new FeatureSet(keptSamples, keptFeatures, List.of(), 0, 0, 0);
    }
}
