package studio.catdog.core.jobs;

/** Where a {@link Job} is in its life. A job moves forward only: queued, running, then one end state. */
public enum JobState {
    /** Waiting for its worker. A cancel now ends it without running. */
    QUEUED,
    /** Running on its worker. A cancel now is a request the job honours at its next check. */
    RUNNING,
    /** Finished with a result. */
    SUCCEEDED,
    /** Finished with an error; {@link Job#failure()} says which. */
    FAILED,
    /** Stopped by its own cancel, before or while running. */
    CANCELLED;

    /** @return whether the job has ended (succeeded, failed or cancelled) */
    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
