package studio.catdog.ui.browser;

import java.nio.file.Path;

/**
 * One problem found in the data set.
 *
 * @param kind "Skipped", "Duplicate" or "Leak"
 * @param file the file concerned
 * @param detail the reason or the other copies
 */
public record DatasetIssue(String kind, Path file, String detail) {}
