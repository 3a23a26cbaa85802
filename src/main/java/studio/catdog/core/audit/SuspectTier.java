package studio.catdog.core.audit;

/**
 * How sure the audit is that a training image is mislabelled. Every suspect's out-of-fold model prefers
 * another class to the given one; the tiers say by how much. A ranked list holds every {@link #LIKELY}
 * suspect before any {@link #POSSIBLE} one.
 */
public enum SuspectTier {

    /**
     * Confident learning's suspect: the out-of-fold probability of another class reaches that class's
     * threshold (the mean probability of the class over its own images). Ranked by
     * {@code p(suggested) - p(given)}, highest first. On the real data with 2% flipped labels, most
     * flipped images land here (BENCHMARKS.md, "Data set audit").
     */
    LIKELY,

    /**
     * The out-of-fold model prefers another class (it is the most probable one) but not by enough to
     * reach that class's threshold: worth a look, less often wrong. Ranked by the probability of the
     * given class, lowest first (cleanlab's "self-confidence"), after every {@link #LIKELY} suspect.
     */
    POSSIBLE
}
