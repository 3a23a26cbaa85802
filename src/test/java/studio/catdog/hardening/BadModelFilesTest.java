package studio.catdog.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.DecoderFuzzTestAccess;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.HeadTrainer;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Backbone files that are not models, mutated images through the whole prediction path, and native memory. */
class BadModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void aBackboneFileThatIsNotAModelIsRefusedWithAReason() throws IOException {
        BackboneFactory factory = new BackboneFactory(new Engines()).withTorchScriptTrust(TorchScriptTrust.TRUST_ALL);
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        for (String name : new String[] {"junk.onnx", "junk.pt", "empty.onnx", "text.pt"}) {
            Path f = dir.resolve(name);
            if (name.startsWith("junk")) {
                Files.write(f, junk);
            } else if (name.startsWith("empty")) {
                Files.write(f, new byte[0]);
            } else {
                Files.writeString(f, "import os\nos.system('echo pwned')\n");
            }
            assertThatThrownBy(() -> factory.open(BackboneSpec.parse(f.toString()), null))
                    .as(name)
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("is not a usable")
                    .hasMessageContaining(name);
        }
    }

    @Test
    void mutatedImagesThroughThePredictionPathGiveAnAnswerOrAPlainError() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("data"), 10, 2, 1);
        try (ModelService s = TestServices.service(dir.resolve("home"))) {
            Dataset d = s.openDataset(data).join();
            s.train(d, BackboneSpec.tiny(), TrainingSettings.defaults().withEpochs(1), TrainingObserver.NONE)
                    .join();
            byte[] original = Files.readAllBytes(d.samples(Split.TRAIN).get(0).path());
            Random r = new Random(42);
            int answered = 0;
            int refused = 0;
            for (int i = 0; i < 300; i++) {
                byte[] mutated = DecoderFuzzTestAccess.mutate(original, r);
                try {
                    float[] p = s.predict(mutated, "mutation " + i)
                            .get(10, TimeUnit.SECONDS)
                            .probabilities();
                    assertThat(p[0] + p[1]).isBetween(0.999f, 1.001f);
                    answered++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CatdogException.class);
                    refused++;
                } catch (Exception e) {
                    throw new AssertionError("mutation " + i + " failed: " + e, e);
                }
            }
            assertThat(answered).isPositive();
            assertThat(refused).isPositive();
        }
    }

    @Test
    void noNdArraysPileUpAcrossTwentyEpochs() {
        Random r = new Random(3);
        List<float[]> features = new ArrayList<>();
        List<ImageSample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[] f = new float[64];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) r.nextGaussian() + (i % 2 == 0 ? 0.5f : -0.5f);
            }
            features.add(f);
            samples.add(new ImageSample(Path.of("x" + i), i % 2, Split.TRAIN, String.format("%064x", i), 1));
        }
        new Engines().pytorch();
        List<Integer> liveArrays = new ArrayList<>();
        try (NDManager probe = NDManager.newBaseManager("PyTorch")) {
            NDManager root = probe.getParentManager();
            TrainingObserver counting = new TrainingObserver() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    liveArrays.add(root.getManagedArrays().size());
                }
            };
            try (TrainedHead head = new HeadTrainer(Device.cpu())
                    .train(
                            new FeatureSet(samples, features, List.of(), 0, 400, 0),
                            List.of("a", "b"),
                            TrainingSettings.defaults()
                                    .withEpochs(20)
                                    .withBatchSize(16)
                                    .withEarlyStopping(false),
                            counting,
                            new CancellationToken())) {
                assertThat(head.history()).hasSize(20);
            }
        }
        assertThat(liveArrays).hasSize(20);
        // After the first epoch (optimizer state created), the count of live arrays never grows.
        assertThat(liveArrays.subList(1, 20)).allSatisfy(n -> assertThat(n).isEqualTo(liveArrays.get(1)));
    }
}
