package studio.catdog.core.audit;

/**
 * One suspect in a {@link SuspectRanking}.
 *
 * @param index the image's index in the input
 * @param given its label
 * @param suggested the class with the most evidence other than the given one
 * @param score {@code evidence[suggested] - evidence[given]} ({@link LabelAudit#rank}; for
 *     {@link LabelAudit#confidentLearning}, {@code p[suggested] - p[given]})
 * @param tier how strong the evidence is
 */
public record IndexedSuspect(int index, int given, int suggested, double score, SuspectTier tier) {}
