package studio.catdog.core.audit;

import studio.catdog.core.CatdogException;

/**
 * How a data set audit looks for label errors and near-duplicates. Every value is validated;
 * {@link #defaults()} are the values measured on the real cat-and-dog data (BENCHMARKS.md, "Data set audit").
 *
 * @param folds folds of the out-of-fold predictions (each image is predicted by a model that never saw it)
 * @param seed seeds the fold assignment and the fold models: same seed, same suspects
 * @param epochs passes of each fold model over its training part (fewer are used on very large sets,
 *     see {@link LabelAudit})
 * @param weightDecay L2 penalty of the fold models (on standardised features); keeps their out-of-fold
 *     probabilities from being overconfident
 * @param similarityThreshold cosine similarity of L2-normalised features from which two images are
 *     near-duplicate candidates
 * @param hashMaxDistance the most bits (of 64) two candidates' perceptual hashes may differ by to be
 *     confirmed as the same picture
 * @param blockRows rows of the similarity matrix computed at a time (memory is bounded by it)
 */
public record AuditSettings(
        int folds,
        long seed,
        int epochs,
        double weightDecay,
        double similarityThreshold,
        int hashMaxDistance,
        int blockRows) {

    /** Checks every value and explains what is wrong. */
    public AuditSettings {
        require(folds >= 2 && folds <= 50, "folds must be between 2 and 50, got " + folds);
        require(epochs >= 1 && epochs <= 1000, "epochs must be between 1 and 1000, got " + epochs);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must not be negative");
        require(
                similarityThreshold > 0 && similarityThreshold <= 1,
                "similarity threshold must be in (0, 1], got " + similarityThreshold);
        require(hashMaxDistance >= 0 && hashMaxDistance <= 64, "hash distance must be between 0 and 64");
        require(blockRows >= 1 && blockRows <= 65_536, "block rows must be between 1 and 65536");
    }

    /**
     * @return 5 folds, seed 42, 30 epochs, weight decay 0.3, similarity 0.88, hash distance 12 bits,
     *     blocks of 1024 rows. Chosen on the real data with MobileNetV2 features (BENCHMARKS.md, "Data set
     *     audit"). Weight decay 0.3 gave the lowest out-of-fold log loss on the given labels (a criterion
     *     that needs no known errors) on four sets of 2% flipped labels; at 1e-3 the fold models overfit
     *     (log loss about 0.32 against 0.17) and ranked fewer flips in the top 2x. The similarity and hash
     *     limits: 179 of 180 planted near-copies (resized, JPEG quality 60, 5% cropped) pass both, and 3
     *     pairs of the untouched 6000 photos, all three true duplicates
     */
    public static AuditSettings defaults() {
        return new AuditSettings(5, 42, 30, 0.3, 0.88, 12, 1024);
    }

    /**
     * @param value the new threshold
     * @return a copy with that similarity threshold
     */
    public AuditSettings withSimilarityThreshold(double value) {
        return new AuditSettings(folds, seed, epochs, weightDecay, value, hashMaxDistance, blockRows);
    }

    /**
     * @param value the new seed
     * @return a copy with that seed
     */
    public AuditSettings withSeed(long value) {
        return new AuditSettings(folds, value, epochs, weightDecay, similarityThreshold, hashMaxDistance, blockRows);
    }

    /**
     * @param value the new block size
     * @return a copy with that many rows per block
     */
    public AuditSettings withBlockRows(int value) {
        return new AuditSettings(folds, seed, epochs, weightDecay, similarityThreshold, hashMaxDistance, value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new CatdogException("Audit settings: " + message + ".");
        }
    }
}
