package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SimilaritySearchTest {

    private static List<float[]> vectors(int n, int dim, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) Math.abs(r.nextGaussian()); // non-negative, as pooled features are
            }
            out.add(v);
        }
        return out;
    }

    /** Brute force in doubles, independent of the code under test. */
    private static Set<String> bruteForce(List<float[]> v, double threshold) {
        Set<String> pairs = new TreeSet<>();
        for (int i = 0; i < v.size(); i++) {
            for (int j = i + 1; j < v.size(); j++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int d = 0; d < v.get(i).length; d++) {
                    dot += (double) v.get(i)[d] * v.get(j)[d];
                    a += (double) v.get(i)[d] * v.get(i)[d];
                    b += (double) v.get(j)[d] * v.get(j)[d];
                }
                if (a > 0 && b > 0 && dot / Math.sqrt(a * b) >= threshold) {
                    pairs.add(i + "-" + j);
                }
            }
        }
        return pairs;
    }

    @Test
    void blockedResultEqualsBruteForceForEveryBlockSize() {
        List<float[]> v = vectors(150, 40, 3);
        Random r = new Random(9);
        // Plant near-copies, a chain (a ~ b ~ c) and an exact copy; and a zero vector, similar to nothing.
        for (int k = 0; k < 20; k++) {
            float[] src = v.get(r.nextInt(100));
            float[] copy = src.clone();
            for (int d = 0; d < copy.length; d++) {
                copy[d] = copy[d] * 3 + (float) (r.nextGaussian() * 0.05);
            }
            v.add(copy);
        }
        v.add(new float[40]);
        // Cut where the values are spread out, so float rounding cannot put a pair on the other side.
        double threshold = 0.97;
        Set<String> expected = bruteForce(v, threshold);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
        for (int block : new int[] {1, 7, 64, 1024}) {
            Set<String> found = new TreeSet<>();
            long count = SimilaritySearch.search(
                    v, threshold, block, null, AuditProgress.NONE, (i, j, c) -> found.add(i + "-" + j));
            assertThat(found).as("block " + block).isEqualTo(expected);
            assertThat(count).isEqualTo(expected.size());
        }
    }

    @Test
    void pairsComeWithTheirCosineAndSmallerIndexFirst() {
        List<float[]> v = List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {2, 0.1f, 0});
        List<float[]> seen = new ArrayList<>();
        SimilaritySearch.search(v, 0.9, 2, null, AuditProgress.NONE, (i, j, c) -> seen.add(new float[] {i, j, c}));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[0]).isZero();
        assertThat(seen.get(0)[1]).isEqualTo(2);
        assertThat((double) seen.get(0)[2]).isCloseTo(2 / Math.sqrt(4.01), Offset.offset(1e-5));
    }
}
