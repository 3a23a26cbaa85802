package studio.catdog.core.sample;

/**
 * A file of the archive that was not taken into the sample data set.
 *
 * @param entry its name in the archive, e.g. {@code PetImages/Cat/666.jpg}
 * @param reason why, in plain words (the app's decoder's reason for a broken image)
 */
public record SkippedImage(String entry, String reason) {}
