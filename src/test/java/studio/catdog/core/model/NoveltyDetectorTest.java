package studio.catdog.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The "neither class" detector on generated features: its threshold, its score, its file. */
class NoveltyDetectorTest {

    private static List<float[]> around(float[] centre, int n, double spread, Random r) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[centre.length];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) Math.abs(centre[d] + spread * r.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    private static float[] centre(int dim, Random r) {
        float[] c = new float[dim];
        for (int d = 0; d < dim; d++) {
            c[d] = (float) (2 * Math.abs(r.nextGaussian()));
        }
        return c;
    }

    /** Mean cosine distance to the k nearest others, in doubles, independent of the code under test. */
    private static double looScore(List<float[]> all, int i, int k) {
        double[] d = new double[all.size() - 1];
        int m = 0;
        for (int j = 0; j < all.size(); j++) {
            if (j != i) {
                d[m++] = 1 - cosine(all.get(i), all.get(j));
            }
        }
        Arrays.sort(d);
        double s = 0;
        for (int t = 0; t < k; t++) {
            s += d[t];
        }
        return s / k;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            x += (double) a[i] * a[i];
            y += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(x * y);
    }

    @Test
    void theThresholdIsTheQuantileOfLeaveOneOutScoresOverEveryTrainingImage() {
        Random r = new Random(3);
        List<float[]> train = around(centre(16, r), 300, 0.8, r);
        NoveltyDetector d = NoveltyDetector.fit(train, 0.9, 5, 1);
        assertThat(d.referenceCount()).isEqualTo(300); // no image held back from the references
        assertThat(d.neighbours()).isEqualTo(5);
        double[] loo = new double[train.size()];
        for (int i = 0; i < loo.length; i++) {
            loo[i] = looScore(train, i, 5);
        }
        Arrays.sort(loo);
        // 300 images, all scored (fewer than the calibration sample): the 270th smallest score.
        assertThat(d.threshold()).isCloseTo(loo[269], within(1e-5));
        // A training image's own score (itself included among the references) is at most its leave-one-out one.
        assertThat(d.score(train.get(0))).isLessThanOrEqualTo(looScore(train, 0, 5) + 1e-6);
    }

    @Test
    void picturesOfTheTrainedKindPassAndOthersAreFlagged() {
        Random r = new Random(8);
        float[] pets = centre(32, r);
        List<float[]> train = around(pets, 800, 0.6, r);
        NoveltyDetector d = NoveltyDetector.fit(train, NoveltyDetector.DEFAULT_QUANTILE, 42);
        long petsFlagged = around(pets, 500, 0.6, r).stream()
                .filter(v -> d.score(v) > d.threshold())
                .count();
        long othersFlagged = around(centre(32, r), 100, 0.6, r).stream()
                .filter(v -> d.score(v) > d.threshold())
                .count();
        assertThat(petsFlagged)
                .as("new pictures like the training ones flagged")
                .isLessThanOrEqualTo(5);
        assertThat(othersFlagged).as("pictures of another kind flagged").isGreaterThanOrEqualTo(95);
    }

    @Test
    void theFileKeepsTheNeighboursAndAnOlderFileScoresByTheNearestImage() throws Exception {
        Random r = new Random(5);
        List<float[]> train = around(centre(8, r), 50, 0.5, r);
        NoveltyDetector d = NoveltyDetector.fit(train, 0.95, 4, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.write(bytes);
        NoveltyDetector back = NoveltyDetector.read(new ByteArrayInputStream(bytes.toByteArray()), 8);
        assertThat(back.neighbours()).isEqualTo(4);
        assertThat(back.threshold()).isEqualTo(d.threshold());
        float[] probe = train.get(7);
        assertThat(back.score(probe)).isEqualTo(d.score(probe));

        // The format before issue 18: "CDND", count, dimension, threshold, vectors; nearest image only.
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(old);
        out.writeInt(0x43444e44);
        out.writeInt(2);
        out.writeInt(2);
        out.writeDouble(0.1);
        for (float v : new float[] {1, 0, 0, 1}) {
            out.writeFloat(v);
        }
        out.flush();
        NoveltyDetector nearest = NoveltyDetector.read(new ByteArrayInputStream(old.toByteArray()), 2);
        assertThat(nearest.neighbours()).isEqualTo(1);
        assertThat(nearest.score(new float[] {1, 0})).isCloseTo(0, within(1e-9));
    }
}
