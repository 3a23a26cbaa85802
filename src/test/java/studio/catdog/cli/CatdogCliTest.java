package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.DeviceChoice;
import studio.catdog.core.backbone.DeviceStatus;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.prediction.PredictionCsv;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TinyOnnx;

/** The command-line contract: JSON output, exit codes, plain errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatdogCliTest {

    @TempDir
    static Path dir;

    private Path data;
    private Path model;
    private PropertyOverride home;

    @BeforeAll
    void setUp() {
        home = PropertyOverride.set("catdog.home", dir.resolve("home").toString());
        data = TestImages.splitDataset(dir.resolve("data"), 20, 8, 3);
        model = dir.resolve("model");
    }

    @AfterAll
    void restore() {
        Engines.setDeviceChoice(DeviceChoice.AUTO);
        home.close();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    @Order(1)
    void trainPrintsOneJsonSummaryAsItsLastLine() {
        // --device cpu, so that the device below is the CPU on a GPU machine too.
        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "6",
                "--batch-size",
                "8",
                "--lr",
                "0.01",
                "--device",
                "cpu",
                "--model",
                model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = r.lastJson();
        assertThat(json.get("testAccuracy").getAsDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(json.get("trainImages").getAsInt()).isEqualTo(40);
        assertThat(json.get("testImages").getAsInt()).isEqualTo(16);
        assertThat(json.get("skippedFiles").getAsInt()).isZero();
        assertThat(json.has("featureSeconds")).isTrue();
        assertThat(json.has("trainSeconds")).isTrue();
        assertThat(json.get("backbone").getAsString()).contains("Tiny");
        assertThat(json.get("featureLayer").getAsString()).isEqualTo("pooled");
        assertThat(json.get("featureDim").getAsInt()).isEqualTo(48);
        assertThat(json.get("device").getAsString()).contains("CPU");
        assertThat(r.err()).contains("epoch 6/6");
        assertThat(model.resolve("model.json")).exists();
    }

    @Test
    @Order(2)
    void predictPrintsOneJsonLinePerFileAndExitsOneWhenAnyFailed() throws IOException {
        Path cat = data.resolve("test_set/cats").toFile().listFiles()[0].toPath();
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        CliRun ok = run("predict", "--model", model.toString(), cat.toString());
        assertThat(ok.code()).isZero();
        JsonObject line = ok.lastJson();
        assertThat(line.get("file").getAsString()).isEqualTo(cat.toString());
        assertThat(line.get("label").getAsString()).isEqualTo("cats");
        assertThat(line.getAsJsonObject("probabilities").keySet()).containsExactly("cats", "dogs");
        assertThat(line.get("unfamiliar").getAsBoolean()).isFalse();

        CliRun mixed = run(
                "predict",
                "--model",
                model.toString(),
                cat.toString(),
                text.toString(),
                dir.resolve("gone.png").toString());
        assertThat(mixed.code()).isEqualTo(1);
        assertThat(mixed.lines()).hasSize(3);
        JsonObject bad = JsonParser.parseString(mixed.lines().get(1)).getAsJsonObject();
        assertThat(bad.get("error").getAsString()).contains("not an image");
        assertThat(JsonParser.parseString(mixed.lines().get(2))
                        .getAsJsonObject()
                        .get("error")
                        .getAsString())
                .contains("not found");
        assertThat(mixed.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Order(3)
    void evaluatePrintsMetricsAsJson() {
        CliRun r = run("evaluate", "--data", data.toString(), "--model", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = r.lastJson();
        assertThat(json.get("testImages").getAsInt()).isEqualTo(16);
        assertThat(json.getAsJsonArray("confusion")).hasSize(2);
        assertThat(json.getAsJsonArray("perClass")).hasSize(2);
        assertThat(json.has("misclassified")).isTrue();
        CliRun text = run("evaluate", "--data", data.toString(), "--model", model.toString());
        assertThat(text.out()).contains("Accuracy").contains("Confusion matrix");
    }

    @Test
    @Order(4)
    void predictsWholeFoldersIntoACsvAndContinuesAfterAnInterruption() throws IOException {
        Path folder = data.resolve("test_set");
        Files.writeString(folder.resolve("cats/readme, please.jpg"), "not an image");
        Files.writeString(folder.resolve("cats/notes.txt"), "not an image file by name: not listed");
        Path out = dir.resolve("out/predictions.csv");
        CliRun first =
                run("predict", "--model", model.toString(), "--recursive", folder.toString(), "--csv", out.toString());
        assertThat(first.code()).isEqualTo(1); // the fake .jpg failed
        JsonObject summary = first.lastJson();
        assertThat(summary.get("files").getAsInt()).isEqualTo(17);
        assertThat(summary.get("failed").getAsInt()).isEqualTo(1);
        assertThat(summary.getAsJsonObject("counts").get("cats").getAsInt()
                        + summary.getAsJsonObject("counts").get("dogs").getAsInt())
                .isEqualTo(16);
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0))
                .isEqualTo("file,label,p_cats,p_dogs,unfamiliar,novelty_score,novelty_threshold,damaged,damage,error");
        assertThat(rows).hasSize(18);
        assertThat(rows)
                .anySatisfy(r -> assertThat(r)
                        .startsWith("\"")
                        .contains("readme, please.jpg")
                        .contains("not an image"));

        // As if killed while writing row 10: keep 9 rows and half of the next.
        String torn =
                String.join("\r\n", rows.subList(0, 10)) + "\r\n" + rows.get(10).substring(0, 12);
        Files.writeString(out, torn);
        CliRun second =
                run("predict", "--model", model.toString(), "--recursive", folder.toString(), "--csv", out.toString());
        JsonObject again = second.lastJson();
        assertThat(again.get("alreadyDone").getAsInt()).isEqualTo(9);
        assertThat(again.get("predicted").getAsInt() + again.get("failed").getAsInt())
                .isEqualTo(17);
        List<List<String>> resumed = PredictionCsv.read(Files.readString(out)).records();
        assertThat(resumed).hasSize(18);
        assertThat(resumed.stream().skip(1).map(r -> r.get(0)).distinct().count())
                .isEqualTo(17);
        // The summary of a resumed run counts every row of the file and says how many were there.
        assertThat(again.get("rows").getAsInt()).isEqualTo(17);
        assertThat(again.get("predicted").getAsInt()).isEqualTo(16);
        assertThat(again.get("failed").getAsInt()).isEqualTo(1);
        assertThat(again.get("counts").getAsJsonObject())
                .isEqualTo(summary.get("counts").getAsJsonObject());
        JsonObject thisRun = again.getAsJsonObject("thisRun");
        assertThat(thisRun.get("predicted").getAsInt() + thisRun.get("failed").getAsInt())
                .isEqualTo(8);
        CliRun nothingLeft =
                run("predict", "--model", model.toString(), "--recursive", folder.toString(), "--csv", out.toString());
        JsonObject done = nothingLeft.lastJson();
        assertThat(done.get("alreadyDone").getAsInt()).isEqualTo(17);
        assertThat(done.get("counts").getAsJsonObject())
                .isEqualTo(summary.get("counts").getAsJsonObject());
        assertThat(done.get("predicted").getAsInt()).isEqualTo(16);

        // --overwrite starts the CSV anew; a file that is not a prediction CSV is never replaced.
        CliRun anew = run(
                "predict",
                "--model",
                model.toString(),
                "--recursive",
                folder.toString(),
                "--csv",
                out.toString(),
                "--overwrite");
        assertThat(anew.lastJson().get("alreadyDone").getAsInt()).isZero();
        assertThat(PredictionCsv.read(Files.readString(out)).records()).hasSize(18);
        Path notes = Files.writeString(dir.resolve("notes.csv"), "my,own\r\nnotes,here\r\n");
        CliRun refused = run(
                "predict",
                "--model",
                model.toString(),
                "--recursive",
                folder.toString(),
                "--csv",
                notes.toString(),
                "--overwrite");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("not a prediction CSV");
        assertThat(notes).hasContent("my,own\r\nnotes,here\r\n");
    }

    /** A --csv that is a link (dangling or not) is refused: the CSV never lands where the link points. */
    @Test
    void aCsvPathThatIsALinkOrAnImageIsRefused() throws IOException {
        Path folder = data.resolve("test_set/cats");
        Path target = dir.resolve("elsewhere/autostart.desktop");
        Path link = Files.createSymbolicLink(dir.resolve("dangling.csv"), target);
        CliRun r =
                run("predict", "--model", model.toString(), "--recursive", folder.toString(), "--csv", link.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("symbolic link");
        assertThat(target).doesNotExist();
        assertThat(target.getParent()).doesNotExist();
        CliRun image = run(
                "predict",
                "--model",
                model.toString(),
                "--recursive",
                folder.toString(),
                "--csv",
                folder.resolve("out.jpg").toString());
        assertThat(image.code()).isEqualTo(1);
        assertThat(image.err()).contains("image's name");
        assertThat(folder.resolve("out.jpg")).doesNotExist();
    }

    /** Names with a space, %, #, ?, unicode and a leading dash work on the command line, kept exactly. */
    @Test
    void anyFileNameWorksOnTheCommandLine() throws IOException {
        Path odd = Files.createDirectories(dir.resolve("odd names #1"));
        Path good;
        try (var files = Files.list(data.resolve("test_set/cats"))) {
            good = files.filter(f -> !f.getFileName().toString().contains("readme"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        List<String> names = List.of("cat 1.jpg", "100%.jpg", "#1.jpg", "what?.jpg", "ünïcödé 猫.jpg", "-leading.jpg");
        for (String name : names) {
            Files.copy(good, odd.resolve(name));
        }
        Path out = dir.resolve("odd.csv");
        CliRun r = run("predict", "--model", model.toString(), "--recursive", odd.toString(), "--csv", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> files = PredictionCsv.read(Files.readString(out)).records().stream()
                .skip(1)
                .map(row -> row.get(0))
                .toList();
        assertThat(files)
                .containsExactlyInAnyOrderElementsOf(
                        names.stream().map(n -> odd.resolve(n).toString()).toList());
        // A leading dash as a FILE argument: after "--", as usual for command lines.
        CliRun dash = run(
                "predict",
                "--model",
                model.toString(),
                "--",
                odd.resolve("-leading.jpg").toString());
        assertThat(dash.code()).as(dash.err()).isZero();
        assertThat(dash.lastJson().get("file").getAsString())
                .isEqualTo(odd.resolve("-leading.jpg").toString());
    }

    @Test
    @Order(5)
    void continuesTrainingASavedModelAndKeepsBothRunsComparable() {
        Path improved = dir.resolve("improved");
        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "3",
                "--lr",
                "0.005",
                "--continue-from",
                model.toString(),
                "--model",
                improved.toString());
        assertThat(r.code()).as(r.err()).isZero();
        CliRun history = run("history", "--model", improved.toString(), "--json");
        assertThat(history.code()).isZero();
        var runs = history.lastJson().getAsJsonArray("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).getAsJsonObject().get("epochs").getAsInt()).isEqualTo(6);
        assertThat(runs.get(1).getAsJsonObject().get("epochs").getAsInt()).isEqualTo(3);
        assertThat(runs.get(1).getAsJsonObject().get("testAccuracy").getAsDouble())
                .isGreaterThan(0.8);
        CliRun table = run("history", "--model", improved.toString());
        assertThat(table.out().lines().count()).isEqualTo(3);
        CliRun explain = run(
                "explain",
                "--model",
                improved.toString(),
                "--out",
                dir.resolve("why.png").toString(),
                data.resolve("test_set/cats").toFile().listFiles()[0].toString());
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(dir.resolve("why.png")).exists();
    }

    @Test
    void theBuiltInBackboneTrainsOfflineOnEitherLayerAndItsModelsOpenAgain() throws IOException {
        Path logits = dir.resolve("m-builtin-logits");
        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "builtin",
                "--feature-layer",
                "logits",
                "--epochs",
                "2",
                "--device",
                "cpu",
                "--model",
                logits.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = r.lastJson();
        assertThat(json.get("backbone").getAsString()).isEqualTo("MobileNetV2, built in, works offline");
        assertThat(json.get("featureLayer").getAsString()).isEqualTo("logits");
        assertThat(json.get("featureDim").getAsInt()).isEqualTo(1000);
        JsonObject backbone = JsonParser.parseString(Files.readString(logits.resolve("model.json")))
                .getAsJsonObject()
                .getAsJsonObject("backbone");
        assertThat(backbone.get("kind").getAsString()).isEqualTo("builtin");
        assertThat(backbone.get("sha256").getAsString())
                .isEqualTo("cc028fe6cae7bc11a4ff53cfc9b79c920e8be65ce33a904ec3e2a8f66d77f95f");
        assertThat(backbone.get("featureLayer").getAsString()).isEqualTo("logits");

        Path pooled = dir.resolve("m-builtin-pooled");
        CliRun p = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "builtin",
                "--epochs",
                "2",
                "--device",
                "cpu",
                "--model",
                pooled.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.lastJson().get("featureLayer").getAsString()).isEqualTo("pooled");
        assertThat(p.lastJson().get("featureDim").getAsInt()).isEqualTo(1280);
        assertThat(p.lastJson().get("featuresFromCache").getAsInt())
                .as("another layer, other features")
                .isZero();

        // Each model opens with the layer it was trained on (the manifest names the built-in backbone).
        Path cat = data.resolve("test_set/cats").toFile().listFiles()[0].toPath();
        for (Path m : List.of(logits, pooled)) {
            CliRun predicted = run("predict", "--model", m.toString(), cat.toString());
            assertThat(predicted.code()).as(predicted.err()).isZero();
            assertThat(predicted.lastJson().getAsJsonObject("probabilities").keySet())
                    .containsExactly("cats", "dogs");
        }
        CliRun bad = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "builtin",
                "--feature-layer",
                "fc7",
                "--model",
                dir.resolve("m-bad-layer").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("pooled or logits").doesNotContain("\tat ");
    }

    @Test
    void trainReportsEpochsRunAndTheBestEpochInItsJsonAndModel() {
        Path early = dir.resolve("m-early");
        CliRun r = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "40",
                "--patience",
                "1",
                "--lr",
                "0.05",
                "--batch-size",
                "8",
                "--device",
                "cpu",
                "--model",
                early.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = r.lastJson();
        assertThat(json.get("epochs").getAsInt()).isEqualTo(40);
        assertThat(json.get("earlyStopping").getAsBoolean()).isTrue();
        assertThat(json.get("patience").getAsInt()).isEqualTo(1);
        int run = json.get("epochsRun").getAsInt();
        int best = json.get("bestEpoch").getAsInt();
        assertThat(json.get("keptEpoch").getAsInt()).isEqualTo(best);
        assertThat(r.err().lines().filter(l -> l.startsWith("epoch "))).hasSize(run);
        var manifest = ModelStore.readManifest(early).training();
        // The saved validation losses (full precision) say where the lowest one is.
        List<Double> losses =
                manifest.history().stream().map(h -> h.get("validationLoss")).toList();
        assertThat(losses).hasSize(run);
        assertThat(losses.indexOf(losses.stream().min(Double::compare).orElseThrow()) + 1)
                .isEqualTo(best);
        assertThat(run)
                .as("patience 1 stops after the first epoch that does not improve")
                .isEqualTo(best + 1);
        assertThat(json.get("stoppedEarly").getAsBoolean()).isTrue();
        assertThat(r.err())
                .contains("Training stopped early at epoch " + run + " of 40, best epoch " + best + " (patience 1).");
        assertThat(manifest.epochsRun()).isEqualTo(run);
        assertThat(manifest.bestEpoch()).isEqualTo(best);
        assertThat(manifest.keptEpoch()).isEqualTo(best);
        assertThat(manifest.earlyStopping()).isTrue();
        assertThat(manifest.patience()).isEqualTo(1);
        var history = run("history", "--model", early.toString(), "--json")
                .lastJson()
                .getAsJsonArray("runs")
                .get(0)
                .getAsJsonObject();
        assertThat(history.get("epochsRun").getAsInt()).isEqualTo(run);
        assertThat(history.get("bestEpoch").getAsInt()).isEqualTo(best);
        assertThat(run("history", "--model", early.toString()).out()).contains(run + "/40");

        CliRun off = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "5",
                "--no-early-stopping",
                "--device",
                "cpu",
                "--model",
                dir.resolve("m-all").toString());
        assertThat(off.code()).as(off.err()).isZero();
        JsonObject all = off.lastJson();
        assertThat(all.get("epochsRun").getAsInt()).isEqualTo(5);
        assertThat(all.get("keptEpoch").getAsInt()).isEqualTo(5);
        assertThat(all.get("earlyStopping").getAsBoolean()).isFalse();
        assertThat(all.get("stoppedEarly").getAsBoolean()).isFalse();
        assertThat(all.get("patience").isJsonNull()).isTrue();

        CliRun noValidation = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "3",
                "--validation",
                "0",
                "--device",
                "cpu",
                "--model",
                dir.resolve("m-noval").toString());
        assertThat(noValidation.code()).as(noValidation.err()).isZero();
        assertThat(noValidation.err())
                .contains("Early stopping needs validation images and --validation is 0: training all 3 epochs");
        assertThat(noValidation.lastJson().get("epochsRun").getAsInt()).isEqualTo(3);
        assertThat(noValidation.lastJson().get("bestEpoch").isJsonNull()).isTrue();
        assertThat(noValidation.lastJson().get("earlyStopping").getAsBoolean()).isFalse();

        CliRun badPatience = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--patience",
                "0",
                "--model",
                dir.resolve("m-bad-patience").toString());
        assertThat(badPatience.code()).isEqualTo(1);
        assertThat(badPatience.err())
                .contains("patience must be between 1 and 10000")
                .doesNotContain("\tat ");
    }

    @Test
    void wrongUsageExitsTwoAndUserMistakesExitOneWithoutAStackTrace() {
        assertThat(run("predict").code()).isEqualTo(2);
        assertThat(run("train", "--data", "x").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        CliRun missing = run(
                "train",
                "--data",
                dir.resolve("nowhere").toString(),
                "--backbone",
                "tiny",
                "--model",
                dir.resolve("m2").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist").doesNotContain("\tat ");
        CliRun badBackbone = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "vgg",
                "--model",
                dir.resolve("m3").toString());
        assertThat(badBackbone.code()).isEqualTo(1);
        assertThat(badBackbone.err()).contains("resnet50").contains(".onnx");
        CliRun badEpochs = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--epochs",
                "0",
                "--model",
                dir.resolve("m4").toString());
        assertThat(badEpochs.code()).isEqualTo(1);
        assertThat(badEpochs.err()).contains("epochs must be");
        CliRun noModel = run("predict", "--model", dir.resolve("no-model").toString(), "x.jpg");
        assertThat(noModel.code()).isEqualTo(1);
        assertThat(noModel.err()).contains("No model folder");
    }

    @Test
    void aDeviceTheMachineCannotGiveFailsPlainlyAndAnUnknownOneIsWrongUsage() {
        CliRun unknown = run("predict", "--model", model.toString(), "--device", "tpu", "x.jpg");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("auto, cpu or gpu");

        DeviceStatus status = new Engines().deviceStatus();
        Assumptions.assumeFalse(
                status.cudaLibraryCached(), "a CUDA libtorch is in DJL's cache: --device gpu would work");
        // No GPU, or (tests run offline) a GPU whose library may not be downloaded: refused before anything starts.
        CliRun gpu = run(
                "train",
                "--data",
                data.toString(),
                "--backbone",
                "tiny",
                "--device",
                "gpu",
                "--model",
                dir.resolve("m-gpu").toString());
        assertThat(gpu.code()).isEqualTo(1);
        assertThat(gpu.err())
                .contains(status.gpusFound() == 0 ? "no NVIDIA GPU" : "offline")
                .contains("--device cpu")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("m-gpu")).doesNotExist();
        assertThat(Engines.deviceChoice()).isNotEqualTo(DeviceChoice.GPU);
    }

    @Test
    void resnet50OfflineAndUncachedFailsNamingTheOtherChoices() {
        // Surefire runs with ai.djl.offline=true, which switches downloads off, and the backbone cache
        // under catdog.home is empty: the pinned-download path runs and must explain itself.
        try (PropertyOverride cache = PropertyOverride.set(
                "DJL_CACHE_DIR", dir.resolve("empty-djl-cache").toString())) {
            CliRun r = run(
                    "train",
                    "--data",
                    data.toString(),
                    "--model",
                    dir.resolve("m5").toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err())
                    .contains("ResNet50")
                    .contains("offline")
                    .contains("builtin")
                    .contains(".onnx")
                    .contains(".pt")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    @Order(50)
    void benchPrintsTheIssueFiguresAsItsLastJsonLine() throws Exception {
        Path onnx = TinyOnnx.write(dir.resolve("bench-tiny.onnx"), 3);
        CliRun r = run(
                "bench",
                "--backbone",
                onnx.toString(),
                "--data",
                data.resolve("training_set").toString(),
                "--images",
                "12",
                "--single",
                "3",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = r.lastJson();
        for (String key : new String[] {"imagesPerSecond", "forwardImagesPerSecond", "singleImageMs", "peakRssMb"}) {
            assertThat(json.get(key).getAsDouble()).as(key).isPositive();
        }
        assertThat(json.get("images").getAsInt()).isEqualTo(12);
        assertThat(json.get("engine").getAsString()).isEqualTo("OnnxRuntime");
    }

    @Test
    @Order(51)
    void benchRunsAnInt8ModelQuantizedAsTheModelZoosInBothPipelines() throws Exception {
        // QLinearConv / QLinearAdd / QLinearGlobalAveragePool, as the zoo's int8 ResNet50: no timing asserted.
        Path onnx = TinyOnnx.writeQuantizedResidual(dir.resolve("bench-int8.onnx"), 5);
        for (String pipeline : new String[] {"phased", "overlapped"}) {
            CliRun r = run(
                    "bench",
                    "--backbone",
                    onnx.toString(),
                    "--data",
                    data.resolve("training_set").toString(),
                    "--images",
                    "10",
                    "--single",
                    "2",
                    "--pipeline",
                    pipeline,
                    "--json");
            assertThat(r.code()).as(r.err()).isZero();
            JsonObject json = r.lastJson();
            assertThat(json.get("images").getAsInt()).isEqualTo(10);
            assertThat(json.get("featureDim").getAsInt()).isEqualTo(TinyOnnx.RESIDUAL_FEATURES);
            assertThat(json.get("pipeline").getAsString()).isEqualTo(pipeline);
            for (String key :
                    new String[] {"imagesPerSecond", "forwardImagesPerSecond", "decodeImagesPerSecond", "singleImageMs"
                    }) {
                assertThat(json.get(key).getAsDouble()).as(key).isPositive();
            }
        }
    }

    @Test
    @Order(52)
    void benchNamesTheScriptsThatMakeTheRandomResNet50s() throws Exception {
        Path models = Files.createDirectories(dir.resolve("bench-models"));
        assertThatThrownBy(() -> BenchCommand.resolveBackbone("resnet50-random-int8", models, null, null))
                .hasMessageContaining("resnet50-random-int8.onnx")
                .hasMessageContaining(BenchCommand.MAKE_INT8_SCRIPT)
                .hasMessageContaining("CATDOG_BENCH_MODEL_INT8");
        assertThatThrownBy(() -> BenchCommand.resolveBackbone("resnet50-random", models, null, null))
                .hasMessageContaining(BenchCommand.MAKE_MODEL_SCRIPT)
                .hasMessageContaining("CATDOG_BENCH_MODEL");

        Path int8 = TinyOnnx.writeQuantizedResidual(models.resolve("resnet50-random-int8.onnx"), 1);
        Path fp32 = TinyOnnx.write(models.resolve("resnet50-random.onnx"), 1);
        assertThat(BenchCommand.resolveBackbone("resnet50-random-int8", models, null, null)
                        .file())
                .isEqualTo(int8);
        assertThat(BenchCommand.resolveBackbone("ResNet50-Random", models, null, null)
                        .file())
                .isEqualTo(fp32);
        Path elsewhere = TinyOnnx.write(dir.resolve("elsewhere-int8.onnx"), 2);
        assertThat(BenchCommand.resolveBackbone("resnet50-random-int8", models, fp32.toString(), elsewhere.toString())
                        .file())
                .isEqualTo(elsewhere);
    }
}
