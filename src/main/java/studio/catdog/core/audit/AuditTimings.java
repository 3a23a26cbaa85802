package studio.catdog.core.audit;

/**
 * Where an audit's time went.
 *
 * @param featureSeconds getting the features (from the cache, or the backbone for new images)
 * @param featuresFromCache vectors read from the feature cache
 * @param featuresComputed vectors computed by the backbone
 * @param labelSeconds the out-of-fold models and the ranking
 * @param similaritySeconds the blocked similarity search
 * @param hashSeconds perceptual hashes of the candidate pairs
 */
public record AuditTimings(
        double featureSeconds,
        int featuresFromCache,
        int featuresComputed,
        double labelSeconds,
        double similaritySeconds,
        double hashSeconds) {}
