package studio.catdog.core.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scanned data set: class names (from folder names), usable images with their split, and what was
 * found wrong with the folder. Immutable.
 *
 * @param root the folder that was opened
 * @param layout how the folder was organised
 * @param classes class names, sorted; an image's label indexes this list
 * @param samples usable images
 * @param skipped files that cannot be used, with reasons
 * @param duplicates groups of byte-identical files (two or more paths each)
 * @param leaked groups of byte-identical files present in both the training and the test split
 * @param damaged images that are used but damaged (the file ends early), with the reason; the scan checks the
 *     bytes only, so decoder warnings show up later, in the features' {@code damaged} and in predictions
 */
public record Dataset(
        Path root,
        Layout layout,
        List<String> classes,
        List<ImageSample> samples,
        List<SkippedFile> skipped,
        List<List<Path>> duplicates,
        List<List<Path>> leaked,
        List<SkippedFile> damaged) {

    /** How the images were split into training and test. */
    public enum Layout {
        /** {@code training_set/<class>} and {@code test_set/<class>} folders. */
        SPLIT_FOLDERS,
        /** {@code <class>} folders, split by a seeded stratified random draw. */
        CLASS_FOLDERS
    }

    /** Makes the lists unmodifiable. */
    public Dataset {
        classes = List.copyOf(classes);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
        duplicates = duplicates.stream().map(List::copyOf).toList();
        leaked = leaked.stream().map(List::copyOf).toList();
        damaged = List.copyOf(damaged);
    }

    /**
     * A data set in which no image was found damaged.
     *
     * @param root the folder that was opened
     * @param layout how the folder was organised
     * @param classes class names, sorted
     * @param samples usable images
     * @param skipped files that cannot be used
     * @param duplicates groups of byte-identical files
     * @param leaked byte-identical groups across training and test
     */
    public Dataset(
            Path root,
            Layout layout,
            List<String> classes,
            List<ImageSample> samples,
            List<SkippedFile> skipped,
            List<List<Path>> duplicates,
            List<List<Path>> leaked) {
        this(root, layout, classes, samples, skipped, duplicates, leaked, List.of());
    }

    /**
     * The images of one split.
     *
     * @param split the split
     * @return its samples, in scan order
     */
    public List<ImageSample> samples(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    /**
     * Every image, training images first: the order feature extraction uses, so a feature set splits
     * back by {@link ImageSample#split()}.
     *
     * @return the training images, then the test images, each in scan order
     */
    public List<ImageSample> trainThenTest() {
        List<ImageSample> all = new ArrayList<>(samples(Split.TRAIN));
        all.addAll(samples(Split.TEST));
        return all;
    }

    /**
     * Counts images per class in one split.
     *
     * @param split the split
     * @return class name to count, in class order, zero counts included
     */
    public Map<String, Integer> counts(Split split) {
        Map<String, Integer> counts = new TreeMap<>();
        classes.forEach(c -> counts.put(c, 0));
        for (ImageSample s : samples) {
            if (s.split() == split) {
                counts.merge(classes.get(s.label()), 1, Integer::sum);
            }
        }
        return counts;
    }
}
