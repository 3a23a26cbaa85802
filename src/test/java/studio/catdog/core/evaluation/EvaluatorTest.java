package studio.catdog.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void computesAccuracyConfusionPerClassMetricsAucAndSortedMistakes() {
        List<String> classes = List.of("cats", "dogs");
        List<Path> paths = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"));
        int[] labels = {0, 0, 1, 1, 1};
        float[][] p = {
            {0.9f, 0.1f}, // right
            {0.3f, 0.7f}, // wrong (cat as dog), loss -ln 0.3
            {0.2f, 0.8f}, // right
            {0.6f, 0.4f}, // wrong (dog as cat), loss -ln 0.4
            {0.1f, 0.9f}, // right
        };
        EvaluationReport r = Evaluator.evaluate(classes, paths, labels, p);
        assertThat(r.accuracy()).isEqualTo(0.6);
        assertThat(r.confusion()).isDeepEqualTo(new int[][] {{1, 1}, {1, 2}});
        assertThat(r.perClass().get(0).precision()).isCloseTo(0.5, within(1e-9));
        assertThat(r.perClass().get(1).recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.perClass().get(1).f1()).isCloseTo(2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3), within(1e-9));
        // Positives (dogs) scores .8 .4 .9, negatives .1 .7: pairs won 5 of 6.
        assertThat(r.rocAuc()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(r.misclassified()).extracting(m -> m.path().toString()).containsExactly("b", "d");
        assertThat(r.misclassified().get(0).loss()).isCloseTo(-Math.log(0.3), within(1e-6));
        assertThat(r.misclassified().get(0).predictedClass()).isEqualTo("dogs");
    }

    @Test
    void aucCountsTiesAsHalf() {
        float[][] p = {{0.5f, 0.5f}, {0.5f, 0.5f}};
        assertThat(Evaluator.rocAuc(new int[] {0, 1}, p)).isEqualTo(0.5);
    }

    @Test
    void curvesRunFromNothingPositiveToEverythingPositiveAndThresholdsMoveTheConfusionMatrix() {
        int[] labels = {0, 0, 1, 1};
        float[][] p = {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.65f, 0.35f}, {0.2f, 0.8f}};
        List<ThresholdPoint> c = Evaluator.curve(labels, p);
        assertThat(c).hasSize(5);
        assertThat(c.get(0).truePositiveRate()).isZero();
        assertThat(c.get(4).truePositiveRate()).isEqualTo(1.0);
        assertThat(c.get(4).falsePositiveRate()).isEqualTo(1.0);
        assertThat(c.get(1).precision()).isEqualTo(1.0);
        assertThat(Evaluator.confusionAtThreshold(labels, p, 0.5)).isDeepEqualTo(new int[][] {{2, 0}, {1, 1}});
        assertThat(Evaluator.confusionAtThreshold(labels, p, 0.3)).isDeepEqualTo(new int[][] {{1, 1}, {0, 2}});
    }
}
