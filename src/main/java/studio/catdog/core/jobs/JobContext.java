package studio.catdog.core.jobs;

import studio.catdog.core.concurrent.CancellationToken;

/** What a running job's body gets: its own cancel token and a way to report progress. */
public interface JobContext {

    /** @return this job's token; no other job shares it */
    CancellationToken token();

    /**
     * Throws {@link studio.catdog.core.concurrent.CancelledException} when this job was cancelled.
     */
    default void throwIfCancelled() {
        token().throwIfCancelled();
    }

    /**
     * Reports progress.
     *
     * @param step what the job is doing now, or null to keep the current step
     * @param done units done
     * @param total units in all, 0 when unknown
     * @param etaSeconds seconds left, NaN when unknown
     */
    void progress(String step, double done, double total, double etaSeconds);
}
