package studio.catdog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.TorchScriptRefusedException;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.service.TrainingOutcome;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.NonAnimalImages;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * On the real cat-and-dog images from ../shared, with the built-in backbone (and the TorchScript one
 * from ../shared). Skipped, with the reason, where ../shared is absent.
 */
class RealDataTest {

    @TempDir
    Path home;

    private static Path require(String relative) {
        Path p = TestImages.shared().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " is not present (real data and models live in ../shared)");
        return p;
    }

    @Test
    void builtInMobileNetV2HeadReachesAtLeast97Point5PercentOnTheRealTestSet() {
        Path data = require("data/cats-and-dogs");
        try (ModelService service = TestServices.service(home)) {
            Dataset dataset = service.openDataset(data).join();
            assertThat(dataset.counts(Split.TEST).values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(2000);
            TrainingOutcome outcome = service.train(
                            dataset, BackboneSpec.builtin(), TrainingSettings.defaults(), TrainingObserver.NONE)
                    .join();
            assertThat(outcome.testImages()).isEqualTo(2000);
            assertThat(outcome.trainImages()).isEqualTo(4000);
            assertThat(outcome.testAccuracy()).isGreaterThanOrEqualTo(0.975);
            assertThat(outcome.backbone().kind()).isEqualTo("builtin");
            assertThat(outcome.backbone().featureLayer()).isEqualTo("pooled");
            assertThat(outcome.backbone().featureDim()).isEqualTo(1280);

            // Calibration: temperature scaling fitted on the validation split must not make the test ECE worse.
            var calibration = outcome.evaluation().calibration();
            assertThat(calibration.eceAfter()).isLessThanOrEqualTo(calibration.eceBefore() + 0.005);

            // "Neither cat nor dog": almost no test photo is flagged, most generated non-animals are.
            List<Path> testFiles =
                    dataset.samples(Split.TEST).stream().map(s -> s.path()).toList();
            List<Path> others = NonAnimalImages.write(home.resolve("non-animals"), 300, 17);
            double testFlagged = unfamiliarShare(service, testFiles);
            double othersFlagged = unfamiliarShare(service, others);
            System.out.printf(
                    Locale.ROOT,
                    "REAL DATA MobileNetV2: accuracy %.4f, ECE %.4f -> %.4f (T=%.3f), unfamiliar: test photos "
                            + "%.2f%%, generated non-animals %.2f%%%n",
                    outcome.testAccuracy(),
                    calibration.eceBefore(),
                    calibration.eceAfter(),
                    calibration.temperature(),
                    100 * testFlagged,
                    100 * othersFlagged);
            assertThat(testFlagged).isLessThan(0.04);
            assertThat(othersFlagged).isGreaterThan(0.85);
        }
    }

    private static double unfamiliarShare(ModelService service, List<Path> files) {
        int[] flagged = {0};
        int[] total = {0};
        service.predictFiles("real data", files, new FileResults() {
                    @Override
                    public void predicted(Path file, Prediction p) {
                        total[0]++;
                        if (p.unfamiliar()) {
                            flagged[0]++;
                        }
                    }

                    @Override
                    public void failed(Path file, String reason) {
                        throw new AssertionError(file + ": " + reason);
                    }
                })
                .join();
        return (double) flagged[0] / total[0];
    }

    @Test
    void aTorchScriptBackboneRunsOnThePyTorchEngine() {
        Path data = require("data/cats-and-dogs");
        Path pt = require("models/mobilenetv2_quantized.pt");
        Path small = home.resolve("small");
        for (String split : List.of("training_set", "test_set")) {
            for (String cls : List.of("cats", "dogs")) {
                try (var files = Files.list(data.resolve(split).resolve(cls))) {
                    Path target = small.resolve(split).resolve(cls);
                    Files.createDirectories(target);
                    for (Path f : files.sorted()
                            .limit(split.equals("training_set") ? 6 : 3)
                            .toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try (ModelService service = TestServices.service(home.resolve("app"), TorchScriptTrust.TRUST_ALL)) {
            Dataset dataset = service.openDataset(small).join();
            TrainingOutcome outcome = service.train(
                            dataset,
                            BackboneSpec.parse(pt.toString()),
                            TrainingSettings.defaults().withEpochs(5),
                            TrainingObserver.NONE)
                    .join();
            assertThat(outcome.backbone().kind()).isEqualTo("torchscript");
            assertThat(outcome.backbone().engine()).isEqualTo("PyTorch");
            assertThat(outcome.backbone().featureDim()).isEqualTo(1000);
            Prediction p =
                    service.predict(dataset.samples(Split.TEST).get(0).path()).join();
            assertThat(p.probabilities()).hasSize(2);
            service.save(home.resolve("ts-model")).join();
        }
        // The saved model names the TorchScript file: opening it again needs consent, asked with its SHA-256.
        List<String> asked = new ArrayList<>();
        try (ModelService refusing =
                TestServices.service(home.resolve("app2"), (file, sha) -> asked.add(sha) && false)) {
            assertThatThrownBy(() ->
                            refusing.loadModel(home.resolve("ts-model"), null).await())
                    .isInstanceOf(TorchScriptRefusedException.class);
            assertThat(asked).containsExactly("76220a73afc288ecfd8c8f110eea99cbea14643b54f8f86969ffa60aee658ffd");
        }
    }
}
