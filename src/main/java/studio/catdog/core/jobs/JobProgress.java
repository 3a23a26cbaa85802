package studio.catdog.core.jobs;

/**
 * How far a job is, as one immutable value that any thread may read.
 *
 * @param step what the job is doing now ("Extracting features"), "" when it has one step only
 * @param done units done
 * @param total units in all; 0 or less when unknown (an indeterminate bar)
 * @param etaSeconds estimated seconds left, NaN when unknown
 */
public record JobProgress(String step, double done, double total, double etaSeconds) {

    /** Nothing known yet. */
    public static final JobProgress UNKNOWN = new JobProgress("", 0, 0, Double.NaN);

    /** Normalises a null step to "". */
    public JobProgress {
        step = step == null ? "" : step;
    }

    /** @return done / total in 0..1, or -1 when the total is unknown (JavaFX's indeterminate value) */
    public double fraction() {
        return total > 0 ? Math.max(0, Math.min(1, done / total)) : -1;
    }
}
