package studio.catdog.core.dataset;

import java.nio.file.Path;

/**
 * One usable image of a data set.
 *
 * @param path the file
 * @param label the class index into {@link Dataset#classes()}
 * @param split training or test
 * @param sha256 hex SHA-256 of the file content; the feature cache key
 * @param sizeBytes the file size
 */
public record ImageSample(Path path, int label, Split split, String sha256, long sizeBytes) {

    /** The label of an image whose class is unknown (being predicted). */
    public static final int UNLABELLED = -1;

    /**
     * An image to predict, not part of a data set.
     *
     * @param path the file
     * @param sha256 its content hash
     * @param sizeBytes its size
     * @return the sample
     */
    public static ImageSample unlabelled(Path path, String sha256, long sizeBytes) {
        return new ImageSample(path, UNLABELLED, Split.TEST, sha256, sizeBytes);
    }
}
