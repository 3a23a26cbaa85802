package studio.catdog.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.model.TrainedHead;

/**
 * A softmax head's gradient sums to exactly zero over its parameters whenever rounding cancels, which
 * DJL's own first-step check mistook for "no backward pass" ("Gradient values are all zeros"). Found
 * by AllActionsUiTest on a generated data set; here forced: identical features standardise to zeros,
 * so the weights' gradient is 0 and the bias's two entries are exact opposites.
 */
class ZeroSumGradientTest {

    private static final List<String> CLASSES = List.of("cats", "dogs");

    @BeforeAll
    static void engine() {
        new Engines().pytorch();
    }

    @Test
    void aHeadWhoseGradientSumsToZeroStillTrains() {
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            vectors.add(new float[] {1f, 2f, 3f, 4f});
            samples.add(new ImageSample(
                    Path.of("img" + i + ".jpg"), i < 9 ? 0 : 1, Split.TRAIN, String.format("%064x", i), 1));
        }
        FeatureSet identical = new FeatureSet(samples, vectors, List.of(), 0, samples.size(), 0);
        TrainingSettings settings = TrainingSettings.defaults()
                .withEpochs(30)
                .withBatchSize(12)
                .withLearningRate(0.05f)
                .withValidationFraction(0)
                .withSeed(3);

        try (TrainedHead head = new HeadTrainer(Device.cpu())
                .train(identical, CLASSES, settings, TrainingObserver.NONE, new CancellationToken())) {
            // Nothing tells the images apart, so the head learns the classes' shares: 9 of 12 are cats.
            float[] logits = head.logits(List.of(vectors.get(0)))[0];
            assertThat(logits[0]).isGreaterThan(logits[1]);
        }
    }
}
