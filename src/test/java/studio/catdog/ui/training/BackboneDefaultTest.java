package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Session;

/**
 * The first-start default (issue 20), without a toolkit: the training backbone is ResNet50 where a ResNet50 form is
 * downloaded and the built-in one otherwise, a remembered backbone wins, and while no ResNet50 form is here the pane
 * offers the one {@code resnet50} stands for (the int8 file on a CPU) in one click. Each test has its own cache of
 * pinned backbones, served on the loopback address.
 */
class BackboneDefaultTest {

    @TempDir
    static Path tmp;

    @TempDir
    Path home;

    static FakeFileServer server;
    static byte[] fp32Bytes;
    static byte[] int8Bytes;
    static PinnedModel fp32;
    static PinnedModel int8;

    private ModelService service;

    @BeforeAll
    static void setUpAll() throws Exception {
        fp32Bytes = Files.readAllBytes(TinyOnnx.write(tmp.resolve("tiny.onnx"), 3));
        int8Bytes = FakeFileServer.bytes(5000, 8);
        server = new FakeFileServer()
                .serve("resnet50-v1-12.onnx", fp32Bytes)
                .serve("resnet50-v1-12-int8.onnx", int8Bytes);
        fp32 = TestServices.pinnedOnnx(
                ModelSources.RESNET50_ONNX, "resnet50-v1-12.onnx", server.url("resnet50-v1-12.onnx"), fp32Bytes);
        int8 = TestServices.pinnedOnnx(
                ModelSources.RESNET50_ONNX_INT8,
                "resnet50-v1-12-int8.onnx",
                server.url("resnet50-v1-12-int8.onnx"),
                int8Bytes);
    }

    @AfterAll
    static void tearDownAll() {
        server.close();
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    private record Fixture(AppSettings settings, TrainingViewModel training, BackboneChoiceViewModel choice) {}

    /** A window's training pane over this test's cache, with these pinned files already downloaded. */
    private Fixture start(AppSettings settings, PinnedModel... downloaded) throws Exception {
        service = TestServices.service(home, TestServices.store(home.resolve("backbones"), fp32, int8));
        for (PinnedModel m : downloaded) {
            Path file = service.downloads().backbones().path(m);
            Files.createDirectories(file.getParent());
            Files.write(file, m == fp32 ? fp32Bytes : int8Bytes);
        }
        Session session = new Session();
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        TrainingViewModel training = new TrainingViewModel(service, session, settings, executor);
        BackboneChoiceViewModel choice =
                new BackboneChoiceViewModel(service, session, settings, executor, training.backboneChoice());
        return new Fixture(settings, training, choice);
    }

    private AppSettings freshSettings() {
        return AppSettings.load(home.resolve("settings.properties"));
    }

    private String standsForHere() {
        return BackboneSpec.defaultResNet50(service.deviceStatus().usesGpu()).text();
    }

    @Test
    void withNothingDownloadedTheBuiltInBackboneTrainsAndResNet50IsOffered() throws Exception {
        Fixture f = start(freshSettings());

        assertThat(f.training().backboneProperty().get()).isEqualTo(BackboneSpec.BUILTIN);
        assertThat(f.training().validationProperty().get()).isNull();
        assertThat(standsForHere()).isEqualTo(ModelSources.RESNET50_ONNX_INT8);
        assertThat(f.choice().offerProperty().get())
                .as("the form resnet50 stands for here, with its size")
                .isEqualTo("Get ResNet50 (0.0 MB, more accurate)");
    }

    @Test
    void theOfferDownloadsResNet50InOneClickAndTrainsWithItFromThen() throws Exception {
        Fixture f = start(freshSettings());

        f.choice().getOffered().get(30, TimeUnit.SECONDS);

        assertThat(service.downloads().backbones().isInstalled(int8)).isTrue();
        assertThat(f.training().backboneProperty().get()).isEqualTo(ModelSources.RESNET50_ONNX_INT8);
        assertThat(f.choice().offerProperty().get()).as("nothing left to offer").isNull();
        assertThat(server.requests()).anyMatch(r -> r.contains("int8"));
    }

    @Test
    void whereTheFormResNet50StandsForIsDownloadedItIsTheDefault() throws Exception {
        Fixture f = start(freshSettings(), int8);

        assertThat(f.training().backboneProperty().get()).isEqualTo(BackboneSpec.RESNET50);
        assertThat(f.choice().offerProperty().get()).isNull();
    }

    @Test
    void whereOnlyAnotherResNet50FormIsDownloadedThatFormIsTheDefault() throws Exception {
        Fixture f = start(freshSettings(), fp32);

        assertThat(f.training().backboneProperty().get()).isEqualTo(ModelSources.RESNET50_ONNX);
        assertThat(f.choice().offerProperty().get()).isNull();
    }

    @Test
    void aRememberedBackboneWinsOverTheDefault() throws Exception {
        AppSettings settings = freshSettings();
        settings.setBackbone(BackboneSpec.BUILTIN);

        Fixture f = start(settings, int8);

        assertThat(f.training().backboneProperty().get()).isEqualTo(BackboneSpec.BUILTIN);
    }

    @Test
    void aModelFileOfTheUsersOwnIsNeverPushedAside() throws Exception {
        Fixture f = start(freshSettings());
        Path mine = TinyOnnx.write(home.resolve("mine.onnx"), 3);

        f.training().backboneProperty().set(mine.toString());

        assertThat(f.choice().offerProperty().get())
                .as("no offer beside a file the user chose")
                .isNull();
        f.choice().refresh();
        assertThat(f.training().backboneProperty().get()).isEqualTo(mine.toString());
    }
}
