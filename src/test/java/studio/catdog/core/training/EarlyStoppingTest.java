package studio.catdog.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.model.TrainingStop;

/**
 * Early stopping on generated features: the rule on its own, then real head training, where every
 * expectation comes from a run with early stopping switched off (same seed, so the same epochs).
 */
class EarlyStoppingTest {

    private static final List<String> CLASSES = List.of("cats", "dogs");
    /** Noisy labels and more dimensions than training images: the validation loss soon rises again. */
    private static FeatureSet overfitting;

    private static List<float[]> probe;

    @BeforeAll
    static void generate() {
        new Engines().pytorch();
        overfitting = features(160, 96, 0.3, 11);
        probe = features(40, 96, 0.0, 99).features();
    }

    /** Two Gaussian clouds a little apart, with a share of the labels flipped. */
    private static FeatureSet features(int n, int dim, double flipped, long seed) {
        Random random = new Random(seed);
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[] f = new float[dim];
            for (int j = 0; j < dim; j++) {
                f[j] = (float) (random.nextGaussian() + (j < 4 ? (label == 0 ? -0.6 : 0.6) : 0));
            }
            int given = random.nextDouble() < flipped ? 1 - label : label;
            vectors.add(f);
            samples.add(new ImageSample(Path.of("img" + i + ".jpg"), given, Split.TRAIN, String.format("%064x", i), 1));
        }
        return new FeatureSet(samples, vectors, List.of(), 0, n, 0);
    }

    private static TrainingSettings settings() {
        return TrainingSettings.defaults()
                .withEpochs(30)
                .withBatchSize(16)
                .withLearningRate(0.01f)
                .withHiddenUnits(64)
                .withValidationFraction(0.25)
                .withSeed(5);
    }

    private static TrainedHead train(TrainingSettings s) {
        return new HeadTrainer(Device.cpu())
                .train(overfitting, CLASSES, s, TrainingObserver.NONE, new CancellationToken());
    }

    /** The epoch at which a run stops, worked out from a full run's validation losses. */
    private static int[] expectedStopAndBest(List<EpochMetrics> full, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (EpochMetrics m : full) {
            if (m.validationLoss() < best) {
                best = m.validationLoss();
                bestEpoch = m.epoch();
            }
            if (m.epoch() - bestEpoch >= patience) {
                return new int[] {m.epoch(), bestEpoch};
            }
        }
        return new int[] {full.size(), bestEpoch};
    }

    @Test
    void theRuleStopsAfterPatienceEpochsWithoutAStrictlyLowerLoss() {
        EarlyStopping rule = new EarlyStopping(2);
        assertThat(rule.record(1, 0.50)).isTrue();
        assertThat(rule.record(2, 0.40)).isTrue();
        assertThat(rule.record(3, 0.40)).as("equal is not better").isFalse();
        assertThat(rule.shouldStop()).isFalse();
        assertThat(rule.record(4, 0.45)).isFalse();
        assertThat(rule.shouldStop()).isTrue();
        assertThat(rule.bestEpoch()).isEqualTo(2);
        assertThat(rule.bestLoss()).isEqualTo(0.40);

        EarlyStopping noValidation = new EarlyStopping(1);
        assertThat(noValidation.record(1, Double.NaN)).isFalse();
        assertThat(noValidation.bestEpoch()).isZero();
        assertThatThrownBy(() -> new EarlyStopping(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsRefuseAPatienceBelowOne() {
        assertThatThrownBy(() -> TrainingSettings.defaults().withPatience(0))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("patience must be between 1 and 10000");
        assertThat(TrainingSettings.defaults().earlyStopping()).isTrue();
        assertThat(TrainingSettings.defaults().patience()).isEqualTo(TrainingSettings.DEFAULT_PATIENCE);
        assertThat(TrainingSettings.defaults().withValidationFraction(0).stopsEarly())
                .isFalse();
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndKeepsTheBestEpochsWeights() {
        int patience = 3;
        List<EpochMetrics> full;
        try (TrainedHead off = train(settings().withEarlyStopping(false))) {
            full = off.history();
            assertThat(off.stop().stoppedEarly()).isFalse();
        }
        int[] expected = expectedStopAndBest(full, patience);
        assertThat(expected[0])
                .as("the generated data makes the validation loss rise well before 30 epochs")
                .isLessThan(25);

        try (TrainedHead early = train(settings().withPatience(patience));
                TrainedHead bestOnly = train(settings().withEarlyStopping(false).withEpochs(expected[1]));
                TrainedHead toTheEnd = train(settings().withEarlyStopping(false).withEpochs(expected[0]))) {
            TrainingStop stop = early.stop();
            assertThat(stop.epochsRun()).isEqualTo(expected[0]);
            assertThat(stop.bestEpoch()).isEqualTo(expected[1]);
            assertThat(stop.keptEpoch()).isEqualTo(expected[1]);
            assertThat(stop.stoppedEarly()).isTrue();
            assertThat(stop.describe())
                    .isEqualTo("stopped early at epoch " + expected[0] + " of 30, best epoch " + expected[1]
                            + " (patience 3)");
            assertThat(early.history()).hasSize(expected[0]);
            assertThat(early.history())
                    .extracting(EpochMetrics::validationLoss)
                    .containsExactlyElementsOf(full.subList(0, expected[0]).stream()
                            .map(EpochMetrics::validationLoss)
                            .toList());
            assertThat(early.history().get(expected[0] - 1).bestEpoch()).isEqualTo(expected[1]);
            // The kept weights are the best epoch's: the same logits as a run that ended there.
            float[][] kept = early.logits(probe);
            float[][] atBest = bestOnly.logits(probe);
            for (int i = 0; i < probe.size(); i++) {
                assertThat(kept[i]).containsExactly(atBest[i], Offset.offset(1e-6f));
            }
            assertThat(toTheEnd.logits(probe)[0])
                    .as("the last epoch's weights differ, so keeping the best one matters")
                    .isNotEqualTo(kept[0]);
        }
    }

    @Test
    void switchedOffTrainsEveryEpochAndKeepsTheLast() {
        try (TrainedHead off = train(settings().withEarlyStopping(false).withEpochs(12))) {
            TrainingStop stop = off.stop();
            assertThat(off.history()).hasSize(12);
            assertThat(stop.epochsRun()).isEqualTo(12);
            assertThat(stop.keptEpoch()).isEqualTo(12);
            assertThat(stop.earlyStopping()).isFalse();
            assertThat(stop.bestEpoch()).as("still reported, for the chart").isBetween(1, 12);
        }
    }

    @Test
    void withoutValidationImagesEveryEpochIsTrainedAndTheReasonIsGiven() {
        try (TrainedHead head =
                train(settings().withValidationFraction(0).withEpochs(6).withPatience(1))) {
            TrainingStop stop = head.stop();
            assertThat(head.history()).hasSize(6);
            assertThat(stop.earlyStopping()).isFalse();
            assertThat(stop.bestEpoch()).isZero();
            assertThat(stop.keptEpoch()).isEqualTo(6);
            assertThat(stop.note()).contains("needs validation images");
            assertThat(stop.describe())
                    .isEqualTo("trained all 6 epochs; early stopping needs validation images "
                            + "(the validation share is 0)");
        }
    }
}
