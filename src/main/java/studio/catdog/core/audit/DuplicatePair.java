package studio.catdog.core.audit;

import studio.catdog.core.dataset.ImageSample;

/**
 * Two images whose backbone features are nearly the same.
 *
 * @param first one image (the earlier in training-then-test order)
 * @param second the other
 * @param cosine the cosine similarity of their features (1 for identical features)
 * @param hashDistance bits (of 64) in which their perceptual hashes differ; -1 when the hash could not
 *     be computed (an unreadable file, or features without images as in a synthetic benchmark)
 * @param confirmed whether the perceptual hash confirms that they are the same picture
 */
public record DuplicatePair(ImageSample first, ImageSample second, double cosine, int hashDistance, boolean confirmed) {

    /** @return whether the two are in different splits: a training image leaked into the test set */
    public boolean crossesSplits() {
        return first.split() != second.split();
    }

    /** @return an order-free key of the pair's contents, by which a "not duplicates" decision is remembered */
    public String key() {
        return keyOf(first.sha256(), second.sha256());
    }

    /**
     * An order-free key for a pair of images.
     *
     * @param sha256a one content hash
     * @param sha256b the other
     * @return both hashes, smaller first, joined by '+'
     */
    public static String keyOf(String sha256a, String sha256b) {
        return sha256a.compareTo(sha256b) <= 0 ? sha256a + "+" + sha256b : sha256b + "+" + sha256a;
    }
}
