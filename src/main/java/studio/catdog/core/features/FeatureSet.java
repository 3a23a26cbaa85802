package studio.catdog.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param damaged content hash to why the image is damaged (it ends early or the decoder warned), for the images
 *     decoded here that are; their features are computed from what could be read and never cached
 */
public record FeatureSet(
        List<ImageSample> samples,
        List<float[]> features,
        List<SkippedFile> skipped,
        int fromCache,
        int computed,
        double seconds,
        Map<String, String> damaged) {

    /** Makes the lists and the map unmodifiable. */
    public FeatureSet {
        samples = List.copyOf(samples);
        features = List.copyOf(features);
        skipped = List.copyOf(skipped);
        damaged = Map.copyOf(damaged);
    }

    /**
     * A feature set without damaged images.
     *
     * @param samples the images that have features
     * @param features their feature vectors
     * @param skipped images that could not be decoded
     * @param fromCache vectors from the cache
     * @param computed vectors computed
     * @param seconds the wall time taken
     */
    public FeatureSet(
            List<ImageSample> samples,
            List<float[]> features,
            List<SkippedFile> skipped,
            int fromCache,
            int computed,
            double seconds) {
        this(samples, features, skipped, fromCache, computed, seconds, Map.of());
    }

    /**
     * @param sample an image of this set
     * @return why it is damaged, or null when it is whole (or came from the cache)
     */
    public String damage(ImageSample sample) {
        return damaged.get(sample.sha256());
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
        List<ImageSample> keptSamples = new ArrayList<>();
        List<float[]> keptFeatures = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).split() == split) {
                keptSamples.add(samples.get(i));
                keptFeatures.add(features.get(i));
            }
        }
        return new FeatureSet(keptSamples, keptFeatures, List.of(), 0, 0, 0, damaged);
    }
}
