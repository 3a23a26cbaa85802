package studio.catdog.core.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;

/**
 * One piece of long work with its own progress, cancel handle, result and failure (in the spirit of
 * JabRef's {@code BackgroundTask}). A {@link JobQueue} creates and runs it; everyone else only
 * watches it, waits for it or cancels it. Safe to use from any thread.
 *
 * <p>A cancel reaches this job only: a queued job ends at once without running; a running one is
 * asked to stop at its next check and ends as {@link JobState#CANCELLED} when it does.
 *
 * @param <T> the result type
 */
public final class Job<T> {

    private static final Logger log = LoggerFactory.getLogger(Job.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final JobKind kind;
    private final String title;
    private final JobBody<T> body;
    private final CancellationToken token = new CancellationToken();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Job<?>> onEnd;

    private volatile JobState state = JobState.QUEUED;
    private volatile JobProgress progress = JobProgress.UNKNOWN;
    private volatile boolean cancelRequested;
    private volatile Throwable failure;

    Job(JobKind kind, String title, JobBody<T> body, Consumer<Job<?>> onEnd) {
        this.kind = Objects.requireNonNull(kind);
        this.title = Objects.requireNonNull(title);
        this.body = Objects.requireNonNull(body);
        this.onEnd = onEnd;
    }

    /** @return a number unique in this process, increasing in submission order */
    public long id() {
        return id;
    }

    /** @return what the job does */
    public JobKind kind() {
        return kind;
    }

    /** @return the job in words, e.g. "Training on ResNet50" */
    public String title() {
        return title;
    }

    /** @return where the job is now */
    public JobState state() {
        return state;
    }

    /** @return how far it is */
    public JobProgress progress() {
        return progress;
    }

    /** @return whether {@link #cancel()} was called (a running job may take one batch to stop) */
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** @return the error that ended the job, when it {@link JobState#FAILED} */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The outcome. Completes after the state is final: with the result, with the failure, or with a
     * {@link CancelledException} when cancelled. Callers get a copy, so completing it changes nothing.
     *
     * @return the outcome
     */
    public CompletableFuture<T> result() {
        return result.copy();
    }

    /**
     * Waits for the result like {@link CompletableFuture#join()}: a failure or cancel arrives wrapped
     * in a {@link java.util.concurrent.CompletionException}.
     *
     * @return the result
     */
    public T join() {
        return result.join();
    }

    /**
     * Waits at most this long for the result, like {@link CompletableFuture#get(long, java.util.concurrent.TimeUnit)}.
     *
     * @param timeout how long
     * @param unit its unit
     * @return the result
     * @throws Exception the wrapped failure, an interrupt or a time-out
     */
    public T get(long timeout, TimeUnit unit) throws Exception {
        return result.get(timeout, unit);
    }

    /**
     * Waits for the result.
     *
     * @return the result
     * @throws CancelledException when the job was cancelled
     * @throws CatdogException or any other runtime failure of the job, unwrapped
     */
    public T await() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new CatdogException(title + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Adds a listener and calls it once at once with the current state, so nothing is missed.
     *
     * @param listener the listener
     * @return this job
     */
    public Job<T> onChange(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener));
        notify(listener);
        return this;
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Cancels this job only: a queued one ends now, a running one at its next check. */
    public void cancel() {
        boolean endNow;
        synchronized (this) {
            if (state.isDone()) {
                return;
            }
            cancelRequested = true;
            token.cancel();
            endNow = state == JobState.QUEUED;
            if (endNow) {
                state = JobState.CANCELLED;
            }
        }
        if (endNow) {
            finish();
            result.completeExceptionally(new CancelledException());
        } else {
            fire();
        }
    }

    /** Runs the body on the calling worker thread, unless the job was cancelled while queued. */
    void run() {
        synchronized (this) {
            if (state != JobState.QUEUED) {
                return;
            }
            state = JobState.RUNNING;
        }
        fire();
        JobContext context = new JobContext() {
            @Override
            public CancellationToken token() {
                return token;
            }

            @Override
            public void progress(String step, double done, double total, double etaSeconds) {
                JobProgress before = progress;
                progress = new JobProgress(step == null ? before.step() : step, done, total, etaSeconds);
                fire();
            }
        };
        long start = System.nanoTime();
        try {
            T value = body.run(context);
            log.info(
                    "{} ({}) finished in {} s",
                    title,
                    kind,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            finishWith(JobState.SUCCEEDED, null);
            result.complete(value);
        } catch (CancelledException e) {
            log.info("{} ({}) cancelled", title, kind);
            finishWith(JobState.CANCELLED, null);
            result.completeExceptionally(e);
        } catch (Throwable e) {
            // A CatdogException is the user's kind of failure (bad file, wrong folder): no ERROR line.
            if (e instanceof CatdogException) {
                log.info("{} failed: {}", title, e.getMessage(), e);
            } else {
                log.error("{} failed", title, e);
            }
            finishWith(JobState.FAILED, e);
            result.completeExceptionally(e);
        }
    }

    private void finishWith(JobState end, Throwable error) {
        synchronized (this) {
            failure = error;
            state = end;
        }
        finish();
    }

    private void finish() {
        if (onEnd != null) {
            onEnd.accept(this);
        }
        fire();
    }

    private void fire() {
        for (JobListener l : listeners) {
            notify(l);
        }
    }

    private void notify(JobListener l) {
        try {
            l.changed(this);
        } catch (RuntimeException e) {
            log.warn("listener of job '{}' failed", title, e);
        }
    }

    @Override
    public String toString() {
        return "Job#" + id + "[" + kind + ", " + state + ", " + title + "]";
    }
}
