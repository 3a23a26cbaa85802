package studio.catdog.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import studio.catdog.core.jobs.Job;

/**
 * The one way the UI runs work and shows its outcome, in the spirit of JabRef's {@code TaskExecutor} and
 * {@code BackgroundTask}, over {@code core.jobs}: a ViewModel describes a run (what to submit, what to do on success,
 * failure or cancel, where its progress goes) and {@link UiJob#start() starts} it; the callbacks run on the UI thread,
 * a failure is reported through the one {@link ErrorReporter} (the error banner), and a cancel is no error unless
 * the run says so ({@link UiJob#treatCancelAsFailure()}).
 *
 * <pre>{@code
 * jobs.job(() -> service.evaluate(dataset))
 *         .onProgress(p -> progress.set(p.fraction()))
 *         .onDone(() -> evaluating.set(false))
 *         .onSuccess(session.evaluationProperty()::set)
 *         .reportFailureAs(Messages.get("mistakes.what"))
 *         .start();
 * }</pre>
 *
 * <p>Stateless: each ViewModel makes its own from the two seams it is given ({@link TaskExecutor} for the threads,
 * {@link ErrorReporter} for the banner), so ViewModel tests run it on the same-thread or manual executors without a
 * toolkit.
 */
public final class UiJobs {

    private final TaskExecutor executor;
    private final ErrorReporter errors;

    /**
     * @param executor moves the outcome and the progress to the UI thread, and short work off it
     * @param errors where failures are reported
     */
    public UiJobs(TaskExecutor executor, ErrorReporter errors) {
        this.executor = executor;
        this.errors = errors;
    }

    /**
     * A run of one core job: {@code submit} is called when the run starts and returns the job it submitted (every
     * {@code ModelService} method does).
     *
     * @param submit submits the job
     * @param <T> the job's result
     * @return the run, to configure and start
     */
    public <T> UiJob<T> job(Supplier<Job<T>> submit) {
        return new UiJob<>(executor, errors, submit, null);
    }

    /**
     * A run of short blocking work (reading a journal, writing a decision, checking files) off the UI thread, with
     * the same outcome callbacks as a job; it has no progress and no cancel.
     *
     * @param work the work
     * @param <T> its result
     * @return the run, to configure and start
     */
    public <T> UiJob<T> call(Callable<T> work) {
        return new UiJob<>(executor, errors, null, work);
    }
}
