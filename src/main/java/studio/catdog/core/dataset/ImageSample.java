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
public record ImageSample(Path path, int label, Split split, String sha256, long sizeBytes) {}
