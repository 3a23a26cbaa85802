package studio.catdog.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancelledException;

/** Issue 10, defect 3: every job has its own cancel; a cancel reaches only its job, queued or running. */
class JobQueueTest {

    private final JobQueue queue = new JobQueue();

    @AfterEach
    void tearDown() {
        queue.close();
    }

    /** A job that runs until released or cancelled, checking its own token like real work does. */
    private static JobBody<String> blocking(CountDownLatch started, CountDownLatch release) {
        return c -> {
            started.countDown();
            while (!release.await(5, TimeUnit.MILLISECONDS)) {
                c.throwIfCancelled();
            }
            return "done";
        };
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS))
                .as("latch released within 10 s")
                .isTrue();
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnceWithoutRunningAndLeavesTheRunningJobAlone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job<String> training = queue.submit(JobKind.TRAIN, "train", blocking(started, release));
        await(started);
        AtomicBoolean queuedRan = new AtomicBoolean();
        Job<String> folder = queue.submit(JobKind.PREDICT_FOLDER, "folder", c -> {
            queuedRan.set(true);
            return "x";
        });
        assertThat(folder.state()).isEqualTo(JobState.QUEUED);

        folder.cancel();

        assertThat(folder.state()).isEqualTo(JobState.CANCELLED);
        assertThatThrownBy(folder::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CancelledException.class);
        assertThat(training.state()).isEqualTo(JobState.RUNNING);
        assertThat(training.isCancelRequested()).isFalse();
        release.countDown();
        assertThat(training.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(training.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(queuedRan).as("a job cancelled while queued never runs").isFalse();
    }

    @Test
    void cancellingARunningJobStopsItAndTheNextJobStillRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Job<String> first = queue.submit(JobKind.TRAIN, "first", blocking(started, new CountDownLatch(1)));
        Job<String> second = queue.submit(JobKind.PREDICT, "second", c -> "second ran");
        await(started);

        first.cancel();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
        assertThat(first.state()).isEqualTo(JobState.CANCELLED);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second ran");
        assertThat(second.isCancelRequested()).isFalse();
    }

    @Test
    void aFailureIsTheJobsOwnAndTheQueueGoesOn() throws Exception {
        Job<String> bad = queue.submit(JobKind.LOAD, "bad", c -> {
            throw new CatdogException("no such model");
        });
        Job<String> good = queue.submit(JobKind.LOAD, "good", c -> "ok");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(bad.state()).isEqualTo(JobState.FAILED);
        assertThat(bad.failure()).get().extracting(Throwable::getMessage).isEqualTo("no such model");
        assertThatThrownBy(bad::await).isInstanceOf(CatdogException.class).hasMessage("no such model");
    }

    @Test
    void listenersHearStatesAndProgressInOrderAndALateListenerGetsTheCurrentState() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Job<Integer> job = queue.submit(JobKind.EXTRACT, "extract", c -> {
            go.await(10, TimeUnit.SECONDS);
            c.progress("Extracting features", 1, 2, 3.0);
            c.progress(null, 2, 2, 0);
            return 2;
        });
        job.onChange(j -> seen.add(
                j.state() + ":" + j.progress().step() + ":" + (int) j.progress().done()));
        go.countDown();
        assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        // The job may already run when the listener subscribes; either way it hears the state at once.
        assertThat(seen.get(0)).as("delivered at once on subscription").matches("(QUEUED|RUNNING)::0");
        assertThat(seen)
                .containsSubsequence(
                        "RUNNING::0",
                        "RUNNING:Extracting features:1",
                        "RUNNING:Extracting features:2",
                        "SUCCEEDED:Extracting features:2");

        List<JobState> late = new CopyOnWriteArrayList<>();
        job.onChange(j -> late.add(j.state()));
        assertThat(late).containsExactly(JobState.SUCCEEDED);
    }

    @Test
    void theQueueListsWaitingAndRunningJobsAndForgetsEndedOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job<String> running = queue.submit(JobKind.TRAIN, "running", blocking(started, release));
        Job<String> waiting = queue.submit(JobKind.EVALUATE, "waiting", c -> "w");
        await(started);
        assertThat(queue.active()).containsExactly(running, waiting);
        release.countDown();
        waiting.get(10, TimeUnit.SECONDS);
        running.get(10, TimeUnit.SECONDS);
        assertThat(queue.active()).isEmpty();
    }

    @Test
    void fileJobsDoNotWaitBehindTheEngine() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job<String> training = queue.submit(JobKind.TRAIN, "training", blocking(started, release));
        await(started);
        Job<String> scan = queue.submit(JobKind.SCAN, "scan", c -> "scanned");
        assertThat(scan.get(10, TimeUnit.SECONDS)).isEqualTo("scanned");
        assertThat(training.state()).isEqualTo(JobState.RUNNING);
        release.countDown();
        training.get(10, TimeUnit.SECONDS);
    }

    @Test
    void cancellingAnEndedJobChangesNothing() throws Exception {
        Job<String> job = queue.submit(JobKind.SAVE, "save", c -> "saved");
        assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo("saved");
        job.cancel();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.isCancelRequested()).isFalse();
    }
}
