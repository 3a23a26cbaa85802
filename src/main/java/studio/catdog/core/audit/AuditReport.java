package studio.catdog.core.audit;

import java.util.List;
import studio.catdog.core.dataset.SkippedFile;

/**
 * What an audit of a data set found. Immutable; safe to hand to any thread.
 *
 * @param classes class names; indexes of {@link LabelSuspect#probabilities()}
 * @param trainImages training images (their labels are checked)
 * @param testImages test images (their labels are checked too; searched for leaks and duplicates)
 * @param classThresholds per class, the mean out-of-fold probability of the class over its own images
 *     (confident learning's threshold)
 * @param suspects label suspects of both splits, most suspect first: every {@link SuspectTier#LIKELY} one before
 *     the {@link SuspectTier#POSSIBLE} ones ({@link LabelAudit#rank}); images the user chose to keep are left out
 * @param keptHidden how many suspects and duplicate pairs were left out because the user kept them
 * @param groups near-duplicate groups inside one split
 * @param leaks near-duplicate pairs across training and test ("leaked into test")
 * @param candidates every pair over the similarity threshold (byte-identical files aside), confirmed by
 *     the perceptual hash or not, most similar first; kept pairs included
 * @param skipped images that could not be decoded (they are in no finding)
 * @param timings where the time went
 */
public record AuditReport(
        List<String> classes,
        int trainImages,
        int testImages,
        double[] classThresholds,
        List<LabelSuspect> suspects,
        int keptHidden,
        List<DuplicateGroup> groups,
        List<DuplicatePair> leaks,
        List<DuplicatePair> candidates,
        List<SkippedFile> skipped,
        AuditTimings timings) {

    /** Makes the lists unmodifiable. */
    public AuditReport {
        classes = List.copyOf(classes);
        suspects = List.copyOf(suspects);
        groups = List.copyOf(groups);
        leaks = List.copyOf(leaks);
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
    }

    /** @return the number of pairs over the similarity threshold, before the perceptual-hash check */
    public int candidatePairs() {
        return candidates.size();
    }
}
