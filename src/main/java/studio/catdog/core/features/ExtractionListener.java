package studio.catdog.core.features;

/** Receives feature extraction progress, on the extracting thread. */
@FunctionalInterface
public interface ExtractionListener {

    /**
     * Called after each batch (and once at the start).
     *
     * @param done images finished (cached or computed)
     * @param total images to do
     * @param etaSeconds estimated seconds left, or NaN when unknown
     */
    void onProgress(int done, int total, double etaSeconds);

    /** A listener that ignores everything. */
    ExtractionListener NONE = (done, total, eta) -> {};
}
