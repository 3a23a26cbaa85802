package studio.catdog.core.audit;

import java.nio.file.Path;
import studio.catdog.core.dataset.ImageSample;

/**
 * A training image whose label the out-of-fold model disagrees with: confident learning's suspects
 * ({@link SuspectTier#LIKELY}) first, then the other images the model puts in another class
 * ({@link SuspectTier#POSSIBLE}).
 *
 * @param sample the image (path, given label, split, content hash)
 * @param givenClass the class folder it is filed under
 * @param suggestedClass the class the model puts it in: for a likely suspect the most probable class
 *     over its threshold, for a possible one the most probable class
 * @param score how strongly the model disagrees: p(suggested) - p(given), from -1 to 1 (negative only for
 *     a likely suspect among three or more classes); within each tier, two classes rank highest first
 * @param probabilities the out-of-fold probability of each class, in class order
 * @param tier {@link SuspectTier#LIKELY} when the suggested class's probability reaches that class's
 *     threshold (confident learning), {@link SuspectTier#POSSIBLE} when the model merely prefers it; a
 *     list of suspects holds the likely ones first
 */
public record LabelSuspect(
        ImageSample sample,
        String givenClass,
        String suggestedClass,
        double score,
        double[] probabilities,
        SuspectTier tier) {

    /** @return whether confident learning flags it ({@link SuspectTier#LIKELY}) */
    public boolean likely() {
        return tier == SuspectTier.LIKELY;
    }

    /** @return the image file */
    public Path file() {
        return sample.path();
    }

    /** @return the image's content hash, by which a "keep" decision is remembered */
    public String sha256() {
        return sample.sha256();
    }
}
