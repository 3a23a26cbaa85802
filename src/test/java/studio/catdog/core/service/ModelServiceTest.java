package studio.catdog.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobState;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** End to end through the one model service, with generated images and the tiny in-code backbone. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelServiceTest {

    @TempDir
    static Path home;

    private ModelService service;
    private Dataset dataset;
    private final TrainingSettings settings =
            TrainingSettings.defaults().withEpochs(8).withBatchSize(8).withLearningRate(0.01f);

    @BeforeAll
    void setUp() throws IOException {
        Path data = TestImages.splitDataset(Files.createDirectories(home.resolve("data-set")), 40, 15, 11);
        Files.writeString(data.resolve("training_set/cats/broken.jpg"), "not a jpeg");
        service = TestServices.service(home.resolve("app"));
        dataset = service.openDataset(data).join();
    }

    @AfterAll
    void tearDown() {
        service.close();
    }

    private static final class Recorder implements TrainingObserver {
        final List<Double> batchLosses = new CopyOnWriteArrayList<>();
        final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
        final List<Phase> phases = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onPhase(Phase phase, int done, int total, double eta) {
            if (phases.isEmpty() || phases.get(phases.size() - 1) != phase) {
                phases.add(phase);
            }
        }

        @Override
        public void onBatch(int epoch, int batch, int perEpoch, double loss) {
            batchLosses.add(loss);
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }
    }

    @Test
    @Order(1)
    void trainsEvaluatesReportsProgressAndUsesTheCacheTheSecondTime() {
        List<JobState> states = new CopyOnWriteArrayList<>();
        List<String> steps = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder();
        Job<TrainingOutcome> job = service.train(dataset, BackboneSpec.tiny(), settings, recorder)
                .onChange(j -> {
                    states.add(j.state());
                    steps.add(j.progress().step());
                });
        TrainingOutcome first = job.join();

        assertThat(dataset.skipped())
                .extracting(s -> s.path().getFileName().toString())
                .contains("broken.jpg");
        assertThat(first.trainImages()).isEqualTo(80);
        assertThat(first.testImages()).isEqualTo(30);
        assertThat(first.testAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(first.evaluation().rocAuc()).isGreaterThan(0.95);
        assertThat(first.featuresFromCache()).isZero();
        // The engine has started: Engines describes the device it actually gave PyTorch work (a GPU machine
        // with a cached CUDA libtorch trains on the GPU).
        assertThat(first.device()).startsWith(new Engines().deviceStatus().usesGpu() ? "GPU" : "CPU");
        assertThat(first.backbone().kind()).isEqualTo("tiny");

        assertThat(recorder.phases)
                .containsSubsequence(Phase.LOADING_BACKBONE, Phase.EXTRACTING, Phase.TRAINING, Phase.EVALUATING);
        assertThat(recorder.epochs).hasSize(8);
        assertThat(recorder.epochs.get(7).validationAccuracy()).isGreaterThan(0.8);
        assertThat(recorder.batchLosses).hasSize(8 * 9); // 72 training images (10% validation) in batches of 8
        assertThat(states).containsSubsequence(JobState.RUNNING, JobState.SUCCEEDED);
        assertThat(states.get(states.size() - 1)).isEqualTo(JobState.SUCCEEDED);
        assertThat(steps)
                .containsSubsequence(
                        "Loading the backbone", "Extracting features", "Training", "Evaluating on the test images");
        assertThat(service.jobs().active()).isEmpty();

        TrainingOutcome second = service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        assertThat(second.featuresFromCache()).isEqualTo(110);
        assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
    }

    @Test
    void theSameSeedGivesTheSameModel() throws IOException {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        Path image = dataset.samples().get(0).path();
        float[] a = service.predict(image).join().probabilities();
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        float[] b = service.predict(image).join().probabilities();
        service.train(dataset, BackboneSpec.tiny(), settings.withSeed(7), TrainingObserver.NONE)
                .join();
        float[] c = service.predict(image).join().probabilities();
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void cancellingKeepsThePreviousModel() {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        Path image = dataset.samples().get(3).path();
        float[] before = service.predict(image).join().probabilities();
        AtomicReference<Job<TrainingOutcome>> run = new AtomicReference<>();
        TrainingObserver cancelling = new TrainingObserver() {
            @Override
            public void onBatch(int epoch, int batch, int perEpoch, double loss) {
                if (epoch >= 2 && run.get() != null) {
                    run.get().cancel();
                }
            }
        };
        run.set(service.train(
                dataset, BackboneSpec.tiny(), settings.withSeed(99).withEpochs(50), cancelling));
        assertThatThrownBy(() -> run.get().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CancelledException.class);
        assertThat(run.get().state()).isEqualTo(JobState.CANCELLED);
        assertThat(service.predict(image).join().probabilities()).containsExactly(before);
    }

    @Test
    void savesAndLoadsAModelThatPredictsIdentically() {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        Path modelDir = home.resolve("models/m1");
        service.save(modelDir).join();
        Path image = dataset.samples().get(5).path();
        Prediction before = service.predict(image).join();
        assertThat(before.probabilities()[0] + before.probabilities()[1]).isCloseTo(1f, within(1e-5f));

        try (ModelService other = TestServices.service(home.resolve("app2"))) {
            ModelManifest m = other.loadModel(modelDir, null).join();
            assertThat(m.classes()).containsExactly("cats", "dogs");
            assertThat(m.metrics().testAccuracy()).isGreaterThan(0.8);
            assertThat(m.training().epochs()).isEqualTo(8);
            Prediction after = other.predict(image).join();
            assertThat(after.probabilities()).containsExactly(before.probabilities());
            assertThat(after.label()).isEqualTo(before.label());
            assertThat(other.currentModel()).isPresent();
        }
    }

    @Test
    void predictingAFileThatIsNotAnImageFailsWithAReason() throws IOException {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        Path text = Files.writeString(home.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> service.predict(text).join())
                .hasCauseInstanceOf(CatdogException.class)
                .cause()
                .hasMessageContaining("not an image");
        assertThat(service.predict(dataset.samples().get(0).path()).join().label())
                .isIn("cats", "dogs");
    }

    @Test
    void evaluatesASavedModelOnTheTestSplit() {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        var report = service.evaluate(dataset).join();
        assertThat(report.images()).isEqualTo(30);
        assertThat(report.confusion()[0][0] + report.confusion()[0][1]).isEqualTo(15);
    }

    @Test
    void explainsWhichPartOfTheImageTheAnswerDependsOn() throws IOException {
        service.train(dataset, BackboneSpec.tiny(), settings, TrainingObserver.NONE)
                .join();
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(220, 130, 40)); // cat colour on the left half only
        g.fillRect(0, 0, 32, 64);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        var saliency = service.explain(png.toByteArray(), "test image").join();
        assertThat(saliency.className()).isEqualTo("cats");
        assertThat(saliency.grid()).isEqualTo(7);
        double left = 0;
        double right = 0;
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 3; col++) {
                left += saliency.at(row, col);
                right += saliency.at(row, 6 - col);
            }
        }
        assertThat(left).isGreaterThan(right * 2);
        assertThat(saliency.cropRegion()).containsExactly(0.0, 0.0, 1.0, 1.0);
    }
}
