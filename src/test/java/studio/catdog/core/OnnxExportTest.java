package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;
import studio.catdog.testing.TinyOnnx;

/** The exported ONNX model (backbone + head) gives the app's probabilities within 1e-4. */
class OnnxExportTest {

    @TempDir
    Path home;

    private Path smallCopyOfRealData() throws IOException {
        Path data = TestImages.shared().resolve("data/cats-and-dogs");
        assumeTrue(Files.isDirectory(data), "skipped: " + data + " is not present");
        Path small = home.resolve("small");
        for (String split : List.of("training_set", "test_set")) {
            for (String cls : List.of("cats", "dogs")) {
                Path target = Files.createDirectories(small.resolve(split).resolve(cls));
                try (var files = Files.list(data.resolve(split).resolve(cls))) {
                    for (Path f : files.sorted()
                            .limit(split.equals("training_set") ? 40 : 5)
                            .toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
        }
        return small;
    }

    @Test
    void exportedOnnxModelOfTheBuiltInBackboneMatchesTheApp() throws Exception {
        Path small = smallCopyOfRealData();
        try (ModelService service = TestServices.service(home.resolve("app"))) {
            Dataset d = service.openDataset(small).join();
            var outcome = service.train(
                            d,
                            BackboneSpec.builtin(),
                            TrainingSettings.defaults().withEpochs(5).withHiddenUnits(16),
                            TrainingObserver.NONE)
                    .join();
            assertThat(outcome.backbone().featureLayer()).isEqualTo("pooled"); // the export dequantizes the pooling too
            Path out = service.exportOnnx(home.resolve("export")).join();
            assertThat(out.resolve("preprocessing.json"))
                    .content()
                    .contains("\"classes\"")
                    .contains("cats")
                    .contains("torchvision ImageNet evaluation transform")
                    .contains("\"temperatureInGraph\": true")
                    .contains("Pillow Image.resize(size, Image.BILINEAR)")
                    .contains("half to even");

            assertExportMatches(service, d, out);
        }
    }

    @Test
    void exportedModelOfAGeneratedOnnxBackboneMatchesTheAppWithAHiddenLayer() throws Exception {
        Path onnx = TinyOnnx.write(home.resolve("tiny.onnx"), 3);
        Path data = TestImages.splitDataset(home.resolve("generated"), 12, 3, 2);
        try (ModelService service = TestServices.service(home.resolve("app3"))) {
            Dataset d = service.openDataset(data).join();
            service.train(
                            d,
                            BackboneSpec.parse(onnx.toString()),
                            TrainingSettings.defaults().withEpochs(3).withHiddenUnits(8),
                            TrainingObserver.NONE)
                    .join();
            assertExportMatches(
                    service, d, service.exportOnnx(home.resolve("export-tiny")).join());
            // Exporting again is refused without --overwrite (path and flag named), replaces the earlier
            // export with it; a folder holding anything else is refused even then, untouched.
            assertThatThrownBy(() ->
                            service.exportOnnx(home.resolve("export-tiny")).join())
                    .cause()
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining(home.resolve("export-tiny").toString())
                    .hasMessageContaining("--overwrite");
            assertExportMatches(
                    service,
                    d,
                    service.exportOnnx(home.resolve("export-tiny"), true).join());
            Path precious = Files.createDirectories(home.resolve("thesis"));
            Files.writeString(precious.resolve("chapter1.txt"), "years of work");
            assertThatThrownBy(() -> service.exportOnnx(precious, true).join())
                    .hasCauseInstanceOf(CatdogException.class)
                    .cause()
                    .hasMessageContaining("holds files this job did not write (chapter1.txt)")
                    .hasMessageContaining("--overwrite");
            assertThat(precious.resolve("chapter1.txt")).hasContent("years of work");
        }
    }

    private static void assertExportMatches(ModelService service, Dataset d, Path out) throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(out.resolve("model.onnx"))
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .build();
        try (ZooModel<NDList, NDList> exported = criteria.loadModel();
                Predictor<NDList, NDList> predictor = exported.newPredictor();
                NDManager manager = NDManager.newBaseManager("OnnxRuntime")) {
            for (var sample : d.samples(Split.TEST)) {
                float[] app = service.predict(sample.path()).join().probabilities();
                float[] pixels = ImagePreprocessor.toTensor(ImageDecoder.decode(sample.path()), Preprocessing.IMAGENET);
                float[] fromExport = predictor
                        .predict(new NDList(manager.create(pixels, new Shape(1, 3, 224, 224))))
                        .get(0)
                        .toFloatArray();
                assertThat(fromExport).hasSize(app.length);
                for (int i = 0; i < app.length; i++) {
                    assertThat(fromExport[i]).isCloseTo(app[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void exportingAModelOnANonOnnxBackboneIsRefusedWithAReason() {
        Path data = TestImages.splitDataset(home.resolve("gen"), 6, 2, 1);
        try (ModelService service = TestServices.service(home.resolve("app2"))) {
            Dataset d = service.openDataset(data).join();
            service.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();
            assertThatThrownBy(() -> service.exportOnnx(home.resolve("nope")).join())
                    .hasCauseInstanceOf(CatdogException.class)
                    .cause()
                    .hasMessageContaining("ONNX backbone");
        }
    }
}
