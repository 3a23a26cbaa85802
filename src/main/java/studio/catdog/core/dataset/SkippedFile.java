package studio.catdog.core.dataset;

import java.nio.file.Path;

/**
 * A file that was found but cannot be used, with the reason in plain words.
 *
 * @param path the file
 * @param reason why it was skipped
 */
public record SkippedFile(Path path, String reason) {}
