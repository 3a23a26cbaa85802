package studio.catdog.core.jobs;

/**
 * The work of one job.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface JobBody<T> {

    /**
     * Does the work on the job's worker thread.
     *
     * @param context the job's token and progress
     * @return the result
     * @throws Exception any failure; a {@link studio.catdog.core.concurrent.CancelledException} ends the job as
     *     cancelled
     */
    T run(JobContext context) throws Exception;
}
