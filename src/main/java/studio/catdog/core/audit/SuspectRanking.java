package studio.catdog.core.audit;

import java.util.List;

/**
 * The ranking of suspected label errors of one audit.
 *
 * @param thresholds per class, the mean out-of-fold probability of the class over its own images
 *     (confident learning's threshold; only {@link LabelAudit#confidentLearning} ranks by it)
 * @param suspects indexes of suspect images with their suggested class, score and tier, most suspect first
 */
public record SuspectRanking(double[] thresholds, List<IndexedSuspect> suspects) {}
