package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeighbourSearchTest {

    private static List<float[]> vectors(int n, int dim, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) Math.abs(r.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    /** Cosine in doubles, independent of the code under test. */
    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double x = 0;
        double y = 0;
        for (int d = 0; d < a.length; d++) {
            dot += (double) a[d] * b[d];
            x += (double) a[d] * a[d];
            y += (double) b[d] * b[d];
        }
        return dot / Math.sqrt(x * y);
    }

    private static int[] bruteForce(List<float[]> v, int i, int k, int[] labels, int onlyClass) {
        return IntStream.range(0, v.size())
                .filter(j -> j != i && (onlyClass < 0 || labels[j] == onlyClass))
                .boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -cosine(v.get(i), v.get(j)))
                        .thenComparingInt(j -> j))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @Test
    void nearestNeighboursMatchABruteForceSearchForEveryBlockSize() {
        List<float[]> v = vectors(173, 24, 3);
        for (int block : new int[] {1, 7, 64, 1024}) {
            int[][] nn;
            try (NeighbourSearch search = NeighbourSearch.of(v)) {
                nn = search.nearest(5, block, null, AuditProgress.NONE);
            }
            for (int i = 0; i < v.size(); i++) {
                assertThat(nn[i]).as("row %d, block %d", i, block).containsExactly(bruteForce(v, i, 5, null, -1));
            }
        }
    }

    @Test
    void fewerVectorsThanNeighboursGivesEveryOtherOne() {
        List<float[]> v = vectors(3, 4, 1);
        try (NeighbourSearch search = NeighbourSearch.of(v)) {
            int[][] nn = search.nearest(20, 16, null, AuditProgress.NONE);
            assertThat(nn[0]).containsExactlyInAnyOrder(1, 2);
            assertThat(nn[2]).containsExactlyInAnyOrder(0, 1);
        }
        try (NeighbourSearch search = NeighbourSearch.of(List.of(new float[] {1, 2}))) {
            assertThat(search.nearest(20, 16, null, AuditProgress.NONE)[0]).isEmpty();
        }
    }

    @Test
    void nearestOfEachClassLeavesOutTheImageItselfAndKeepsToTheClass() {
        List<float[]> v = vectors(90, 16, 9);
        int[] labels = new int[v.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        int[] queries = {0, 5, 89};
        try (NeighbourSearch search = NeighbourSearch.of(v)) {
            int[][][] around = search.nearestOfEachClass(queries, labels, 3, 4);
            for (int q = 0; q < queries.length; q++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(around[q][c]).containsExactly(bruteForce(v, queries[q], 4, labels, c));
                }
            }
        }
    }
}
