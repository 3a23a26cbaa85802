package studio.catdog.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.Failures;
import studio.catdog.core.backbone.BackboneNotDownloadedException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;

/**
 * The success path of a pinned backbone through the service: a real (tiny) ONNX model served by a
 * loopback server under the id {@code resnet50-onnx} is downloaded inside the training job with
 * progress, verified, trained on, recorded by id and checksum; a model whose backbone is missing
 * names exactly that one, and opens once it is downloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinnedBackboneTest {

    @TempDir
    static Path home;

    private FakeFileServer server;
    private PinnedModel entry;
    private Dataset dataset;
    private ModelService first;
    private final TrainingSettings settings =
            TrainingSettings.defaults().withEpochs(3).withBatchSize(8);

    @BeforeAll
    void setUp() throws IOException {
        byte[] onnx = Files.readAllBytes(TinyOnnx.write(home.resolve("tiny.onnx"), 3));
        server = new FakeFileServer().serve("resnet50-v1-12.onnx", onnx);
        entry = TestServices.pinnedOnnx(
                ModelSources.RESNET50_ONNX, "resnet50-v1-12.onnx", server.url("resnet50-v1-12.onnx"), onnx);
        first = TestServices.service(home.resolve("first"), TestServices.store(home.resolve("first/backbones"), entry));
        dataset = first.openDataset(TestImages.splitDataset(home.resolve("data"), 12, 4, 5))
                .join();
    }

    @AfterAll
    void tearDown() {
        first.close();
        server.close();
    }

    @Test
    @Order(1)
    void trainingDownloadsThePinnedFileWithProgressAndRecordsItsIdAndChecksum() {
        List<Phase> phases = new CopyOnWriteArrayList<>();
        List<String> steps = new CopyOnWriteArrayList<>();
        Job<TrainingOutcome> job =
                first.train(dataset, BackboneSpec.parse("resnet50-onnx"), settings, new TrainingObserver() {
                    @Override
                    public void onPhase(Phase phase, int done, int total, double eta) {
                        phases.add(phase);
                    }
                });
        job.onChange(j -> steps.add(j.progress().step()));

        TrainingOutcome outcome = job.join();

        assertThat(phases).contains(Phase.DOWNLOADING_BACKBONE);
        assertThat(steps).anyMatch(s -> s.matches("Downloading the backbone: \\d+\\.\\d of \\d+\\.\\d MB.*"));
        assertThat(outcome.backbone().kind()).isEqualTo("resnet50-onnx");
        assertThat(outcome.backbone().sha256()).isEqualTo(entry.sha256());
        assertThat(outcome.backbone().engine()).isEqualTo("OnnxRuntime");
        ModelManifest m =
                ModelStore.readManifest(first.save(home.resolve("model")).join());
        assertThat(m.backbone().kind()).isEqualTo("resnet50-onnx");
        assertThat(m.backbone().sha256()).isEqualTo(entry.sha256());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void openingAModelWhoseBackboneIsNotDownloadedNamesExactlyThatOneAndFetchesNothing() {
        try (ModelService fresh = TestServices.service(
                home.resolve("fresh"), TestServices.store(home.resolve("fresh/backbones"), entry))) {
            int before = server.requests().size();

            assertThatThrownBy(
                            () -> fresh.loadModel(home.resolve("model"), null).join())
                    .satisfies(e -> assertThat(Failures.unwrap(e))
                            .isInstanceOfSatisfying(
                                    BackboneNotDownloadedException.class,
                                    n -> assertThat(n.model().id()).isEqualTo("resnet50-onnx")))
                    .hasMessageContaining("catdog backbone download resnet50-onnx");
            assertThat(server.requests()).hasSize(before);
            assertThat(fresh.currentModel()).isEmpty();

            // The app's "Download" and then the same model again.
            Path installed = fresh.downloads().backbone("resnet50-onnx").join();
            assertThat(installed).isEqualTo(home.resolve("fresh/backbones/resnet50-v1-12.onnx"));
            assertThat(fresh.loadModel(home.resolve("model"), null)
                            .join()
                            .backbone()
                            .kind())
                    .isEqualTo("resnet50-onnx");
            assertThat(fresh.currentModel()).isPresent();
            // An ONNX backbone that came pinned exports like any ONNX file.
            assertThat(fresh.exportOnnx(home.resolve("export")).join().resolve("model.onnx"))
                    .exists();
        }
    }

    @Test
    @Order(3)
    void namingTheBackboneWhenOpeningIsTheConsentToDownloadIt() {
        try (ModelService fresh = TestServices.service(
                home.resolve("named"), TestServices.store(home.resolve("named/backbones"), entry))) {
            assertThat(fresh.loadModel(home.resolve("model"), BackboneSpec.parse("resnet50-onnx"))
                            .join()
                            .backbone()
                            .kind())
                    .isEqualTo("resnet50-onnx");
        }
    }
}
