package studio.catdog.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobState;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Issue 10, defect 3, through the real service: cancelling one job never stops another. */
class JobIsolationTest {

    @TempDir
    Path home;

    @Test
    void cancellingAFolderPredictionQueuedBehindTrainingLeavesTheTrainingRunning() throws Exception {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data")), 12, 4, 3);
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(data).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE)
                    .join();
            CountDownLatch training = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            TrainingObserver holdAtFirstBatch = new TrainingObserver() {
                @Override
                public void onBatch(int epoch, int batch, int perEpoch, double loss) {
                    training.countDown();
                    try {
                        mayFinish.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Job<TrainingOutcome> train = service.train(
                    d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(3), holdAtFirstBatch);
            assertThat(training.await(30, TimeUnit.SECONDS))
                    .as("training reached its first batch")
                    .isTrue();

            AtomicInteger results = new AtomicInteger();
            List<Path> files = d.samples().stream().map(ImageSample::path).toList();
            Job<Void> folder = service.predictFiles("folder", files, new FileResults() {
                @Override
                public void predicted(Path file, Prediction prediction) {
                    results.incrementAndGet();
                }

                @Override
                public void failed(Path file, String reason) {
                    results.incrementAndGet();
                }
            });
            assertThat(folder.state()).isEqualTo(JobState.QUEUED);
            folder.cancel();
            mayFinish.countDown();

            assertThat(train.get(60, TimeUnit.SECONDS).trainImages()).isPositive();
            assertThat(train.state()).isEqualTo(JobState.SUCCEEDED);
            assertThatThrownBy(folder::join).hasCauseInstanceOf(CancelledException.class);
            assertThat(results).as("the cancelled job never ran").hasValue(0);
        }
    }

    @Test
    void aCancelIssuedBeforeAQueuedJobStartsIsNotLost() throws Exception {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data")), 8, 2, 4);
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(data).join();
            Job<TrainingOutcome> first = service.train(
                    d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE);
            Job<TrainingOutcome> second = service.train(
                    d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(2), TrainingObserver.NONE);
            second.cancel();
            first.get(60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> second.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
            assertThat(second.state()).isEqualTo(JobState.CANCELLED);
            assertThat(first.state()).isEqualTo(JobState.SUCCEEDED);
        }
    }

    @Test
    void aFolderPredictionListsTheFolderInsideItsJobAndRefusesAFolderWithoutImages() throws Exception {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data")), 8, 2, 6);
        Path empty = Files.createDirectories(home.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(data).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();
            AtomicInteger predicted = new AtomicInteger();
            FileResults count = new FileResults() {
                @Override
                public void predicted(Path file, Prediction prediction) {
                    predicted.incrementAndGet();
                }

                @Override
                public void failed(Path file, String reason) {
                    throw new AssertionError(file + ": " + reason);
                }
            };
            Job<Void> all = service.predictFolder(data, count);
            all.get(60, TimeUnit.SECONDS);
            assertThat(predicted).hasValue(d.samples().size());
            assertThat(all.progress().done()).isEqualTo(d.samples().size());

            assertThatThrownBy(() -> service.predictFolder(empty, count).join())
                    .hasMessageContaining("There are no images")
                    .hasMessageContaining(empty.toString());
        }
    }
}
