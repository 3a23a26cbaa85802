package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.jobs.JobQueue;
import studio.catdog.ui.ManualUiExecutor;

/**
 * The UI's one way to run a job, without a toolkit: callbacks on the UI thread in a fixed order, failures in the
 * banner through the one reporter, a cancel silent unless the run treats it as a failure, progress coalesced and the
 * last of it before the outcome, a cancel before submission honoured, and short work off the UI thread.
 */
class UiJobsTest {

    private final JobQueue queue = new JobQueue();
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final List<String> banner = new ArrayList<>();
    private final ErrorReporter errors = new ErrorReporter() {
        @Override
        public void reportError(String what, Throwable e) {
            banner.add(what + " failed: " + Failures.describe(e));
        }

        @Override
        public void reportError(String message) {
            banner.add(message);
        }
    };
    private final UiJobs jobs = new UiJobs(ui, errors);
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void tearDown() {
        queue.close();
        ui.close();
    }

    private <T> T await(CompletableFuture<T> f) {
        ui.pumpUntil("the run to end", f::isDone, 10_000);
        return f.join();
    }

    private Throwable failureOf(CompletableFuture<?> f) {
        ui.pumpUntil("the run to end", f::isDone, 10_000);
        assertThat(f).isCompletedExceptionally();
        return f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e)
                .join();
    }

    @Test
    void aSuccessRunsTheCallbacksInOrderOnTheUiThreadAndReportsNothing() {
        Thread[] uiThread = new Thread[1];
        CompletableFuture<String> done = jobs.<String>job(() -> queue.submit(JobKind.SCAN, "Scanning", c -> {
                    c.progress("Listing", 1, 4, Double.NaN);
                    c.progress("Listing", 4, 4, Double.NaN);
                    return "data";
                }))
                .onProgress(p -> events.add("progress " + (int) p.done()))
                .onDone(() -> events.add("done"))
                .onSuccess(v -> {
                    uiThread[0] = Thread.currentThread();
                    events.add("success " + v);
                })
                .onFailure(e -> events.add("failure"))
                .reportFailureAs("Scanning")
                .start();

        assertThat(await(done)).isEqualTo("data");
        assertThat(uiThread[0]).as("the test pumps the UI thread").isSameAs(Thread.currentThread());
        assertThat(events).endsWith("progress 4", "done", "success data");
        assertThat(events).doesNotContain("failure");
        assertThat(banner).isEmpty();
    }

    @Test
    void aFailureRunsItsCallbackThenIsReportedOnceAndStartCompletesWithNull() {
        CompletableFuture<String> done = jobs.<String>job(() -> queue.submit(JobKind.SCAN, "Scanning", c -> {
                    throw new CatdogException("no such folder");
                }))
                .onDone(() -> events.add("done"))
                .onFailure(e -> events.add("failure " + e.getMessage()))
                .reportFailureAs("Opening the data set x")
                .start();

        assertThat(await(done)).isNull();
        assertThat(events).containsExactly("done", "failure no such folder");
        assertThat(banner).containsExactly("Opening the data set x failed: no such folder");
    }

    @Test
    void startOrFailPassesTheFailureOn() {
        CompletableFuture<String> done = jobs.<String>job(() -> queue.submit(JobKind.SCAN, "Scanning", c -> {
                    throw new CatdogException("broken");
                }))
                .startOrFail();
        assertThat(failureOf(done)).isInstanceOf(CatdogException.class).hasMessage("broken");
    }

    @Test
    void aCancelIsNoErrorUnlessTheRunTreatsItAsOne() throws Exception {
        for (boolean asFailure : new boolean[] {false, true}) {
            CountDownLatch running = new CountDownLatch(1);
            UiJob<String> run = jobs.<String>job(() -> queue.submit(JobKind.TRAIN, "Training", c -> {
                        running.countDown();
                        while (true) {
                            c.throwIfCancelled();
                            Thread.sleep(5);
                        }
                    }))
                    .onCancelled(() -> events.add("cancelled"))
                    .onFailure(e -> events.add("failure"))
                    .reportFailureAs("Training");
            if (asFailure) {
                run.treatCancelAsFailure();
            }
            CompletableFuture<String> done = run.start();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            run.cancel();
            assertThat(await(done)).isNull();
        }
        assertThat(events).containsExactly("cancelled", "failure");
        assertThat(banner).containsExactly("Training failed: cancelled");
    }

    @Test
    void aCancelBeforeTheJobIsSubmittedReachesItWhenItIs() {
        CountDownLatch submitted = new CountDownLatch(1);
        UiJob<String> run = jobs.job(() -> {
                    try {
                        submitted.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // Queued or already running when the cancel arrives: either way it ends cancelled.
                    return queue.<String>submit(JobKind.EXPLAIN, "Explaining", c -> {
                        while (true) {
                            c.throwIfCancelled();
                            Thread.sleep(5);
                        }
                    });
                })
                .onCancelled(() -> events.add("cancelled"));
        CompletableFuture<String> done = run.startOffUiOrFail();
        run.cancel();
        submitted.countDown();
        assertThat(failureOf(done)).isInstanceOf(CancelledException.class);
        assertThat(events).containsExactly("cancelled");
    }

    @Test
    void shortWorkRunsOffTheUiThreadAndItsFailureIsReportedLikeAJobs() {
        Thread[] worker = new Thread[1];
        CompletableFuture<Integer> ok = jobs.<Integer>call(() -> {
                    worker[0] = Thread.currentThread();
                    return 42;
                })
                .start();
        assertThat(await(ok)).isEqualTo(42);
        assertThat(worker[0]).isNotSameAs(Thread.currentThread());

        CompletableFuture<Integer> failed = jobs.<Integer>call(() -> {
                    throw new CatdogException("journal damaged");
                })
                .reportFailureAs("Keeping a.jpg")
                .start();
        assertThat(await(failed)).isNull();
        assertThat(banner).containsExactly("Keeping a.jpg failed: journal damaged");
    }
}
