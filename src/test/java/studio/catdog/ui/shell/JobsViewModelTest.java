package studio.catdog.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.jobs.JobQueue;
import studio.catdog.core.jobs.JobState;
import studio.catdog.ui.ManualUiExecutor;

/** The status bar's jobs, without a toolkit: names, progress, per-job cancel, coalesced updates. */
class JobsViewModelTest {

    private final JobQueue queue = new JobQueue();
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final JobsViewModel vm = new JobsViewModel(queue, ui);

    @AfterEach
    void tearDown() {
        vm.dispose();
        queue.close();
        ui.close();
    }

    @Test
    void namesTheRunningJobWithItsProgressAndListsTheWaitingOnes() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job<String> training = queue.submit(JobKind.TRAIN, "Training on resnet50", c -> {
            c.progress("Extracting features", 40, 100, 125);
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            c.throwIfCancelled();
            return "ok";
        });
        Job<String> folder = queue.submit(JobKind.PREDICT_FOLDER, "Classifying holiday", c -> "done");
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        ui.pumpUntil(
                "both jobs listed",
                () -> vm.rows().size() == 2 && vm.busyProperty().get(),
                10_000);

        assertThat(vm.statusProperty().get())
                .isEqualTo("Training on resnet50 — Extracting features 40 % — about 2 min left (+1 waiting)");
        assertThat(vm.progressProperty().get()).isEqualTo(0.4);
        assertThat(vm.rows()).extracting(JobRow::title).containsExactly("Training on resnet50", "Classifying holiday");
        assertThat(vm.rows().get(1).detail()).isEqualTo("waiting");

        vm.cancel(folder.id());
        assertThat(folder.state()).isEqualTo(JobState.CANCELLED);
        assertThat(training.isCancelRequested())
                .as("the other job is untouched")
                .isFalse();

        release.countDown();
        training.get(10, TimeUnit.SECONDS);
        ui.pumpUntil(
                "no jobs left", () -> vm.rows().isEmpty() && !vm.busyProperty().get(), 10_000);
        assertThat(vm.statusProperty().get()).isEqualTo("Ready");
    }

    @Test
    void aFailedJobIsNamedWithItsReasonInTheStatusBar() throws Exception {
        Job<String> job = queue.submit(JobKind.LOAD, "Opening model m1", c -> {
            throw new CatdogException("model.json is missing");
        });
        job.result().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        ui.pumpUntil("the failure is shown", () -> vm.statusProperty().get().contains("failed"), 10_000);
        assertThat(vm.statusProperty().get()).isEqualTo("Opening model m1 failed: model.json is missing");
    }

    @Test
    void manyProgressReportsPostOneUiTaskUntilTheUiThreadDrainsThem() throws Exception {
        int posted = ui.posted();
        Job<Integer> job = queue.submit(JobKind.EXTRACT, "Extracting", c -> {
            for (int i = 1; i <= 500; i++) {
                c.progress("Extracting features", i, 500, Double.NaN);
            }
            return 500;
        });
        job.get(10, TimeUnit.SECONDS);
        assertThat(ui.posted() - posted)
                .as("UI tasks posted for 500 progress reports")
                .isEqualTo(1);
        ui.pump();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Ready");
    }

    @Test
    void aServersBatchesAreNotListedAndLeaveTheStatusAsItWas() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job<String> batch = queue.submit(JobKind.SERVE_BATCH, "Serving 4 images", c -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "ok";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Job<String> load = queue.submit(JobKind.LOAD, "Opening model m1", c -> "done");
        ui.pumpUntil("the waiting job listed", () -> vm.rows().size() == 1, 10_000);
        assertThat(vm.rows()).extracting(JobRow::title).containsExactly("Opening model m1");
        assertThat(vm.busyProperty().get()).as("busy with a server batch only").isFalse();

        release.countDown();
        batch.get(10, TimeUnit.SECONDS);
        load.get(10, TimeUnit.SECONDS);
        Job<String> failed = queue.submit(JobKind.SERVE_BATCH, "Serving 1 image", c -> {
            throw new CatdogException("not an image");
        });
        failed.result().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        ui.pumpUntil("no jobs left", () -> vm.rows().isEmpty(), 10_000);
        ui.pump();
        assertThat(vm.statusProperty().get())
                .as("a failed batch is the server's answer, not news")
                .isEqualTo("Ready");
    }
}
