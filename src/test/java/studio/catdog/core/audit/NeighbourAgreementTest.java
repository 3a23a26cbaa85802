package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rule that neighbour evidence counts only where it is reliable ({@link LabelAudit#neighbourAgreement},
 * {@link LabelAudit#trustedShares}, the agreement condition of {@link SuspectTier#LIKELY}), on generated data:
 * two tight clusters (the well-photographed cats and dogs) and a sparse scatter of odd images whose nearest
 * images are far and of either class (the tiny, blurred photos).
 */
class NeighbourAgreementTest {

    private static final int DIM = 32;

    @Test
    void trustedSharesAreUnchangedAtFullAgreementAndEvenAtChance() {
        double[] share = {0.0, 1.0};
        assertThat(LabelAudit.trustedShares(share, 1.0)).containsExactly(0.0, 1.0);
        assertThat(LabelAudit.trustedShares(share, 0.5)).containsExactly(0.5, 0.5);
        assertThat(LabelAudit.trustedShares(share, 0.2)).containsExactly(0.5, 0.5);
        // Agreement 0.75 of two classes: reliable to r = 0.5, so 0 -> 0.25 and 1 -> 0.75.
        double[] half = LabelAudit.trustedShares(share, 0.75);
        assertThat(half[0]).isCloseTo(0.25, within(1e-12));
        assertThat(half[1]).isCloseTo(0.75, within(1e-12));
        // Three classes: chance is a third.
        double[] three = LabelAudit.trustedShares(new double[] {1, 0, 0}, 1.0 / 3);
        assertThat(three).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void agreementIsLowWhereTheNearestImagesAreFarAndHighInTheClusters() {
        Data d = generate(7);
        int[][] nearest = bruteForceNearest(d.vectors, LabelAudit.NEIGHBOURS);
        double[][] shares = LabelAudit.neighbourShares(nearest, d.labels, 2);
        double[] closeness = LabelAudit.closeness(d.vectors, nearest);
        double[] agreement = LabelAudit.neighbourAgreement(closeness, shares, d.labels);

        double clusterCloseness = IntStream.range(0, d.clustered)
                .mapToDouble(i -> closeness[i])
                .min()
                .orElseThrow();
        double scatterCloseness = IntStream.range(d.clustered, d.labels.length)
                .mapToDouble(i -> closeness[i])
                .max()
                .orElseThrow();
        assertThat(scatterCloseness).isLessThan(clusterCloseness);
        // Averaged over its neighbours in closeness, so the few cluster images next to the scatter get less.
        double inClusters = IntStream.range(0, d.clustered)
                .mapToDouble(i -> agreement[i])
                .average()
                .orElseThrow();
        double inScatter = IntStream.range(d.clustered, d.labels.length)
                .mapToDouble(i -> agreement[i])
                .average()
                .orElseThrow();
        assertThat(inClusters).isGreaterThan(0.95);
        assertThat(inScatter).isLessThan(LabelAudit.LIKELY_MIN_AGREEMENT);
        assertThat(agreement[d.oddCat]).isLessThan(LabelAudit.LIKELY_MIN_AGREEMENT);
    }

    @Test
    void aCorrectLabelAmongFarNeighboursIsNotLikelyWhilePlantedFlipsInTheClustersStayLikely() {
        Data d = generate(11);
        int[][] nearest = bruteForceNearest(d.vectors, LabelAudit.NEIGHBOURS);
        double[][] shares = LabelAudit.neighbourShares(nearest, d.labels, 2);
        // The precondition: all (or all but one) of the odd cat's nearest images are dogs, as for a tiny photo
        // the backbone describes poorly.
        assertThat(shares[d.oddCat][0]).isLessThanOrEqualTo(LabelAudit.LIKELY_MAX_NEIGHBOUR_SHARE);
        // A model that never saw it is fooled as well (hand-made: 3 % cat); the flips get 4 %, the rest 90 %.
        double[][] probs = new double[d.labels.length][];
        for (int i = 0; i < probs.length; i++) {
            double own = i == d.oddCat ? 0.03 : d.flipped.contains(i) ? 0.04 : 0.9;
            probs[i] = d.labels[i] == 0 ? new double[] {own, 1 - own} : new double[] {1 - own, own};
        }
        double[] agreement = LabelAudit.neighbourAgreement(LabelAudit.closeness(d.vectors, nearest), shares, d.labels);

        Map<Integer, IndexedSuspect> trusted = byIndex(LabelAudit.rank(probs, shares, d.labels, 2));
        Map<Integer, IndexedSuspect> weighed = byIndex(LabelAudit.rank(probs, shares, agreement, d.labels, 2));

        // Neighbours trusted everywhere: the odd cat is a likely label error, which it is not.
        assertThat(trusted.get(d.oddCat).tier()).isEqualTo(SuspectTier.LIKELY);
        // Weighed by their agreement where it lies: still worth a look, but not likely, and less suspect.
        assertThat(weighed.get(d.oddCat).tier()).isEqualTo(SuspectTier.POSSIBLE);
        assertThat(weighed.get(d.oddCat).score())
                .isLessThan(trusted.get(d.oddCat).score());
        for (int i : d.flipped) {
            assertThat(weighed.get(i).tier()).as("planted flip %d", i).isEqualTo(SuspectTier.LIKELY);
            assertThat(weighed.get(i).suggested()).isEqualTo(1 - d.labels[i]);
        }
    }

    @Test
    void withoutNeighboursNothingCountsAndTheAgreementIsOne() {
        double[][] shares = {{0, 0}, {0, 0}};
        assertThat(LabelAudit.neighbourAgreement(new double[] {0, 0}, shares, new int[] {0, 1}))
                .containsExactly(1.0, 1.0);
        assertThat(LabelAudit.closeness(List.of(new float[] {1, 0}), new int[][] {{}}))
                .containsExactly(0.0);
    }

    /** Generated images: indexes below {@code clustered} are in the two clusters; the rest are scattered. */
    private record Data(List<float[]> vectors, int[] labels, int clustered, int oddCat, List<Integer> flipped) {}

    private static Data generate(long seed) {
        Random r = new Random(seed);
        float[][] centre = new float[2][DIM];
        // Two orthogonal directions: cats along the first half of the axes, dogs along the second.
        for (int d = 0; d < DIM / 2; d++) {
            centre[0][d] = 1;
            centre[1][DIM / 2 + d] = 1;
        }
        List<float[]> vectors = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int perClass = 150;
        for (int i = 0; i < 2 * perClass; i++) {
            int c = i % 2;
            vectors.add(around(centre[c], 1.0, 0.25, r));
            labels.add(c);
        }
        int clustered = vectors.size();
        // The scatter: far from both clusters and from each other, labelled without regard to where they lie.
        for (int i = 0; i < 60; i++) {
            vectors.add(around(centre[r.nextInt(2)], 0.6, 1.0, r));
            labels.add(r.nextInt(2));
        }
        // A cat that looks, to the features, a little like the dogs and like nothing much.
        int oddCat = vectors.size();
        vectors.add(around(centre[1], 1.0, 0.9, r));
        labels.add(0);
        int[] given = labels.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> flipped = List.of(0, 3, 10, 21, 44);
        for (int i : flipped) {
            given[i] = 1 - given[i];
        }
        return new Data(vectors, given, clustered, oddCat, flipped);
    }

    private static float[] around(float[] centre, double scale, double noise, Random r) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (scale * centre[d] + noise * r.nextGaussian());
        }
        return v;
    }

    /** The k most cosine-similar other vectors, in plain Java (the rule is tested without the engine). */
    private static int[][] bruteForceNearest(List<float[]> v, int k) {
        int n = v.size();
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            double[] sim = new double[n];
            for (int j = 0; j < n; j++) {
                sim[j] = j == i ? Double.NEGATIVE_INFINITY : cosine(v.get(i), v.get(j));
            }
            out[i] = IntStream.range(0, n)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -sim[j]).thenComparingInt(j -> j))
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < a.length; d++) {
            dot += a[d] * b[d];
            na += a[d] * a[d];
            nb += b[d] * b[d];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static Map<Integer, IndexedSuspect> byIndex(SuspectRanking ranking) {
        return ranking.suspects().stream().collect(Collectors.toMap(IndexedSuspect::index, Function.identity()));
    }
}
