package studio.catdog.core.audit;

/** Progress of an audit step, called on the thread that runs it. */
@FunctionalInterface
public interface AuditProgress {

    /** Ignores progress. */
    AuditProgress NONE = (step, done, total) -> {};

    /**
     * Reports progress.
     *
     * @param step what is being done, in words
     * @param done units done
     * @param total units in all
     */
    void progress(String step, double done, double total);
}
