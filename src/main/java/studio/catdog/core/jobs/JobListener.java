package studio.catdog.core.jobs;

/**
 * Hears one job's changes of state and progress. Called on the thread that made the change (usually
 * the job's worker); implementations copy what they need and return quickly, and hand it to their
 * own thread themselves (the UI coalesces it to about ten updates a second).
 */
@FunctionalInterface
public interface JobListener {

    /**
     * The job changed; read its {@link Job#state()} and {@link Job#progress()}.
     *
     * @param job the job
     */
    void changed(Job<?> job);
}
