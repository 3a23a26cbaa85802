package studio.catdog.core.storage;

/**
 * The detector of images unlike every class, as recorded in {@code model.json}.
 *
 * @param file its file inside the folder
 * @param sha256 the file's checksum
 * @param threshold the distance above which images are flagged
 * @param references how many training vectors it compares against
 */
public record ManifestNovelty(String file, String sha256, double threshold, int references) {}
