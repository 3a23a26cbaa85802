package studio.catdog.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import studio.catdog.core.Failures;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobProgress;

/**
 * One run of a core job (or of short work off the UI thread) as the UI sees it; made by {@link UiJobs}. Configure it,
 * then {@link #start()} it once. When the job ends, on the UI thread and in this order: the last progress is handed
 * over, the {@link #onDone} actions run, then {@link #onSuccess}, or {@link #onCancelled}, or {@link #onFailure}
 * followed by the report in the error banner ({@link #reportFailureAs}; a cancel is reported only after
 * {@link #treatCancelAsFailure}); last the future {@code start} returned completes. A callback that throws
 * completes that future exceptionally and the exception goes on to the UI thread's handler.
 *
 * @param <T> the result
 */
public final class UiJob<T> {

    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final Supplier<Job<T>> submit;
    private final Callable<T> work;
    private final List<Runnable> onDone = new ArrayList<>();
    private Consumer<? super T> onSuccess = value -> {};
    private Consumer<Throwable> onFailure = error -> {};
    private Runnable onCancelled = () -> {};
    private Consumer<JobProgress> onProgress;
    private String failureWhat;
    private boolean cancelIsFailure;
    private volatile Job<T> job;
    private volatile boolean cancelRequested;
    private boolean started;

    UiJob(TaskExecutor executor, ErrorReporter errors, Supplier<Job<T>> submit, Callable<T> work) {
        this.executor = executor;
        this.errors = errors;
        this.submit = submit;
        this.work = work;
    }

    /**
     * @param action runs with the result when the job succeeded
     * @return this run
     */
    public UiJob<T> onSuccess(Consumer<? super T> action) {
        onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /**
     * @param action runs with the failure (unwrapped: the job's own exception) when the job failed, not when it was
     *     cancelled; before the failure is reported
     * @return this run
     */
    public UiJob<T> onFailure(Consumer<Throwable> action) {
        onFailure = Objects.requireNonNull(action);
        return this;
    }

    /**
     * @param action runs when the job was cancelled (a cancel is never reported as an error)
     * @return this run
     */
    public UiJob<T> onCancelled(Runnable action) {
        onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /**
     * @param action runs when the job ended, however it ended, before the outcome's own action
     * @return this run
     */
    public UiJob<T> onDone(Runnable action) {
        onDone.add(Objects.requireNonNull(action));
        return this;
    }

    /**
     * Treats a cancel like a failure: {@link #onFailure} runs and the banner reports it ("… failed: cancelled"), as
     * it always has for the commands that use this (opening a model or a data set, evaluating, saving, moving an
     * image).
     * Without it a cancel is never an error.
     *
     * @return this run
     */
    public UiJob<T> treatCancelAsFailure() {
        cancelIsFailure = true;
        return this;
    }

    /**
     * Reports a failure in the error banner as "{@code what} failed: reason" (after {@link #onFailure}).
     *
     * @param what what was being done, in words ("Opening the model x")
     * @return this run
     */
    public UiJob<T> reportFailureAs(String what) {
        failureWhat = Objects.requireNonNull(what);
        return this;
    }

    /**
     * Follows the job's progress on the UI thread, coalesced to about ten updates a second (each update gets the
     * newest progress); the last one arrives before the outcome.
     *
     * @param action receives the progress
     * @return this run
     */
    public UiJob<T> onProgress(Consumer<JobProgress> action) {
        onProgress = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Submits the job now, on the calling thread (a failure to submit is thrown to the caller), or starts the work
     * off the UI thread.
     *
     * @return completes on the UI thread after the callbacks: with the result, or with null when the job failed or
     *     was cancelled (the callbacks have dealt with that)
     */
    public CompletableFuture<T> start() {
        return startOrFail().handle((value, error) -> error == null ? value : null);
    }

    /**
     * Like {@link #start()}, for callers that pass the failure on.
     *
     * @return completes on the UI thread after the callbacks: with the result, or exceptionally with the failure (a
     *     {@code CancelledException} when cancelled)
     */
    public CompletableFuture<T> startOrFail() {
        CompletableFuture<T> done = begin();
        if (work != null) {
            executor.runInBackground(() -> {
                T value;
                try {
                    value = work.call();
                } catch (Exception | LinkageError e) {
                    executor.runOnUi(() -> finish(null, e, null, done));
                    return;
                }
                executor.runOnUi(() -> finish(value, null, null, done));
            });
        } else {
            follow(submit.get(), done);
        }
        return done;
    }

    /**
     * Submits the job from a background thread, for submissions that first read a file; a failure to submit is the
     * run's failure.
     *
     * @return completes as {@link #startOrFail()}'s does
     */
    public CompletableFuture<T> startOffUiOrFail() {
        CompletableFuture<T> done = begin();
        executor.runInBackground(() -> {
            Job<T> submitted;
            try {
                submitted = submit.get();
            } catch (RuntimeException e) {
                executor.runOnUi(() -> finish(null, e, null, done));
                return;
            }
            follow(submitted, done);
        });
        return done;
    }

    /** Cancels the job (only it): now when it was submitted, else as soon as it is. Work off the UI thread runs on. */
    public void cancel() {
        cancelRequested = true;
        Job<T> j = job;
        if (j != null) {
            j.cancel();
        }
    }

    /** @return the submitted job, or null before it is submitted (and always for work that is no job) */
    public Job<T> job() {
        return job;
    }

    private CompletableFuture<T> begin() {
        if (started) {
            throw new IllegalStateException("a UiJob starts once");
        }
        started = true;
        return new CompletableFuture<>();
    }

    private void follow(Job<T> submitted, CompletableFuture<T> done) {
        job = submitted;
        if (cancelRequested) {
            submitted.cancel();
        }
        CoalescingBuffer<JobProgress> progress = onProgress == null
                ? null
                : new CoalescingBuffer<>(
                        executor,
                        CoalescingBuffer.DEFAULT_INTERVAL_MS,
                        batch -> onProgress.accept(batch.get(batch.size() - 1)));
        if (progress != null) {
            submitted.onChange(j -> progress.add(j.progress()));
        }
        submitted.result().whenComplete((value, error) -> executor.runOnUi(() -> finish(value, error, progress, done)));
    }

    private void finish(T value, Throwable error, CoalescingBuffer<JobProgress> progress, CompletableFuture<T> done) {
        try {
            if (progress != null) {
                progress.drain();
            }
            onDone.forEach(Runnable::run);
            if (error == null) {
                onSuccess.accept(value);
            } else if (Failures.isCancellation(error) && !cancelIsFailure) {
                onCancelled.run();
            } else {
                onFailure.accept(Failures.unwrap(error));
                if (failureWhat != null) {
                    errors.reportError(failureWhat, error);
                }
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            throw e;
        }
        if (error == null) {
            done.complete(value);
        } else {
            done.completeExceptionally(Failures.unwrap(error));
        }
    }
}
