package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.DeviceChoice;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.testing.FakeFileServer;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;

/**
 * The done-criterion on the command line: under {@code CATDOG_MODEL_BASE_URL} (here its system
 * property) a loopback server serves wrong bytes of the right size for ResNet50, and {@code catdog train
 * --backbone resnet50} exits 1 naming the checksum with nothing left in the cache; with nothing
 * listening there, the message names {@code builtin} and the other choices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackboneDownloadCliTest {

    // What "resnet50" stands for on a CPU (no GPU in tests).
    private static final PinnedModel DEFAULT_CPU =
            ModelSources.pinned().require(BackboneSpec.defaultResNet50(false).text());

    @TempDir
    static Path dir;

    private Path data;
    private PropertyOverride home;
    private PropertyOverride offline;
    private FakeFileServer server;

    @BeforeAll
    void setUp() throws IOException {
        home = PropertyOverride.set("catdog.home", dir.resolve("home").toString());
        // Surefire runs DJL offline, which switches downloads off; these tests download from loopback only.
        offline = PropertyOverride.set("ai.djl.offline", "false");
        data = TestImages.splitDataset(dir.resolve("data"), 6, 2, 3);
        server = new FakeFileServer();
    }

    @AfterEach
    void clearMirror() {
        System.clearProperty(ModelSources.BASE_URL_PROPERTY);
    }

    @AfterAll
    void restore() {
        server.close();
        Engines.setDeviceChoice(DeviceChoice.AUTO);
        offline.close();
        home.close();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path backboneCache() {
        return dir.resolve("home/cache/backbones");
    }

    private List<String> filesFor(PinnedModel m) throws IOException {
        if (!Files.isDirectory(backboneCache())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backboneCache())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(m.fileName()))
                    .toList();
        }
    }

    @Test
    void wrongBytesUnderTheMirrorAreRefusedNamingTheChecksumAndTheCacheHoldsNoFileForIt() throws IOException {
        // Right size, wrong bytes: only the SHA-256 can tell.
        server.serve(DEFAULT_CPU.remoteName(), DEFAULT_CPU.downloadBytes(), 42);
        System.setProperty(ModelSources.BASE_URL_PROPERTY, server.baseUrl().toString());

        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "resnet50",
                "--device",
                "cpu",
                "--model",
                dir.resolve("m").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains("SHA-256 is " + FakeFileServer.sha256(DEFAULT_CPU.downloadBytes(), 42))
                .contains("expected " + DEFAULT_CPU.sha256())
                .contains("nothing was installed")
                .doesNotContain("\tat ");
        assertThat(server.requests()).contains("GET /models/" + DEFAULT_CPU.remoteName());
        assertThat(filesFor(DEFAULT_CPU)).isEmpty();
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void withNothingListeningAtTheMirrorTheMessageNamesBuiltinAndTheOtherChoices() throws IOException {
        System.setProperty(
                ModelSources.BASE_URL_PROPERTY,
                FakeFileServer.nothingListening().toString());

        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "resnet50",
                "--device",
                "cpu",
                "--model",
                dir.resolve("m2").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains("cannot connect")
                .contains("builtin (MobileNetV2, built in, works offline)")
                .contains("resnet50-onnx-int8")
                .contains(".onnx or .pt")
                .contains("catdog backbone import FILE");
        assertThat(filesFor(DEFAULT_CPU)).isEmpty();
    }

    @Test
    void listSaysWhatIsPinnedAndWhatResnet50StandsForHere() {
        CliRun r = run("backbone", "list", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonArray rows = r.lastJson().getAsJsonArray("backbones");
        assertThat(rows).hasSize(3);
        JsonObject fp32 = rows.get(0).getAsJsonObject();
        assertThat(fp32.get("id").getAsString()).isEqualTo("resnet50-onnx");
        assertThat(fp32.get("bytes").getAsLong()).isEqualTo(102_576_593L);
        assertThat(fp32.get("sha256").getAsString())
                .isEqualTo(ModelSources.pinned().require("resnet50-onnx").sha256());
        assertThat(fp32.get("downloaded").getAsBoolean()).isFalse();
        assertThat(rows.get(2).getAsJsonObject().get("sha1").getAsString())
                .isEqualTo("dabcf25f827f4fa163a91899ea11f45e82c9fb60");
    }

    @Test
    void importRefusesAFileThatIsNotPinnedAndDownloadNamesTheServersAnswer() throws IOException {
        Path file = Files.write(dir.resolve("resnet50.onnx"), FakeFileServer.bytes(1000, 3));
        CliRun refused = run("backbone", "import", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("none of the pinned backbone files")
                .contains("SHA-256 " + FakeFileServer.sha256(1000, 3));

        System.setProperty(ModelSources.BASE_URL_PROPERTY, server.baseUrl().toString());
        // Not the file another test serves (what resnet50 stands for), so the server answers 404.
        CliRun missing = run("backbone", "download", "resnet50-onnx");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("404").contains("resnet50-v1-12.onnx");
    }

    @Test
    void aModelWhosePinnedBackboneIsMissingNamesItAndTheCommandThatFetchesIt() throws IOException {
        Path model = dir.resolve("tiny-model");
        CliRun trained = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--model",
                model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        // As if it had been trained on the pinned fp32 ResNet50 on another computer.
        // (Written without the seal, as a model saved before sealing: a sealed one would be refused as edited.)
        Path json = model.resolve("model.json");
        Files.writeString(
                json,
                Files.readString(json)
                        .replace("\"kind\": \"tiny\"", "\"kind\": \"resnet50-onnx\"")
                        .replaceFirst("\"manifestSha256\": \"[0-9a-f]{64}\",", ""));
        assertThat(Files.readString(json)).contains("\"kind\": \"resnet50-onnx\"");
        Path image = TestImages.splitDataset(dir.resolve("one"), 1, 1, 9)
                .resolve("test_set/cats")
                .toFile()
                .listFiles()[0]
                .toPath();

        CliRun r = run("predict", "--model", model.toString(), image.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("needs the backbone resnet50-onnx")
                .contains("catdog backbone download resnet50-onnx")
                .contains("--backbone resnet50-onnx");
    }
}
