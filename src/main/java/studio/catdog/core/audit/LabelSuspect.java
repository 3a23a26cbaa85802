package studio.catdog.core.audit;

import java.nio.file.Path;
import studio.catdog.core.dataset.ImageSample;

/**
 * A training image whose label the out-of-fold model disagrees with (confident learning).
 *
 * @param sample the image (path, given label, split, content hash)
 * @param givenClass the class folder it is filed under
 * @param suggestedClass the class the model puts it in, with a probability over that class's threshold
 * @param score how strongly the model disagrees: p(suggested) - p(given), from -1 to 1; higher first
 * @param probabilities the out-of-fold probability of each class, in class order
 */
public record LabelSuspect(ImageSample sample, String givenClass, String suggestedClass, double score,
                           double[] probabilities) {

    /** @return the image file */
    public Path file() {
        return sample.path();
    }

    /** @return the image's content hash, by which a "keep" decision is remembered */
    public String sha256() {
        return sample.sha256();
    }
}
