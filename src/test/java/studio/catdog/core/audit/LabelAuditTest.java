package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LabelAuditTest {

    /** Two (or three) Gaussian clusters in 64 dimensions, with some labels flipped on purpose. */
    private static List<float[]> clusters(int perClass, int classes, int dim, long seed, int[] labelsOut) {
        Random r = new Random(seed);
        float[][] centres = new float[classes][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) r.nextGaussian();
            }
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < perClass * classes; i++) {
            int c = i % classes;
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = centres[c][d] + (float) (r.nextGaussian() * 1.2);
            }
            out.add(v);
            labelsOut[i] = c;
        }
        return out;
    }

    @Test
    void plantedFlipsRankAtTheTop() {
        int classes = 2;
        int n = 600;
        int[] truth = new int[n];
        List<float[]> features = clusters(n / classes, classes, 64, 7, truth);
        int[] given = truth.clone();
        Random r = new Random(11);
        Set<Integer> flipped = new HashSet<>();
        while (flipped.size() < 12) {
            int i = r.nextInt(n);
            if (flipped.add(i)) {
                given[i] = 1 - given[i];
            }
        }
        double[][] probs = LabelAudit.outOfFoldProbabilities(
                features, given, classes, AuditSettings.defaults(), null, AuditProgress.NONE);
        SuspectRanking ranking = LabelAudit.rank(
                probs, LabelAudit.neighbourShares(neighbours(features), given, classes), given, classes);

        List<Integer> top = ranking.suspects().stream()
                .limit(2L * flipped.size())
                .map(IndexedSuspect::index)
                .toList();
        // The target on real data: at least 90% of the flipped images among the top 2x suspects.
        long found = flipped.stream().filter(top::contains).count();
        assertThat(found).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * flipped.size()));
        for (IndexedSuspect s : ranking.suspects()) {
            if (flipped.contains(s.index())) {
                assertThat(s.suggested()).isEqualTo(truth[s.index()]);
            }
        }
        assertRankedByEvidence(ranking, probs, LabelAudit.neighbourShares(neighbours(features), given, classes), given);
        // The top n (n = planted) holds nearly all of them, and every likely suspect is a planted flip.
        long inTopN = ranking.suspects().stream()
                .limit(flipped.size())
                .filter(x -> flipped.contains(x.index()))
                .count();
        assertThat(inTopN).isGreaterThanOrEqualTo(flipped.size() - 1L);
        assertThat(ranking.suspects().stream()
                        .filter(x -> x.tier() == SuspectTier.LIKELY)
                        .map(IndexedSuspect::index))
                .isNotEmpty()
                .allMatch(flipped::contains);
    }

    private static int[][] neighbours(List<float[]> features) {
        try (NeighbourSearch search = NeighbourSearch.of(features)) {
            return search.nearest(LabelAudit.NEIGHBOURS, 64, null, AuditProgress.NONE);
        }
    }

    /**
     * Likely suspects first, then possible ones; within each, the least evidence for the given label first; the
     * tier rule and the score checked against the evidence computed here.
     */
    private static void assertRankedByEvidence(
            SuspectRanking ranking, double[][] probs, double[][] shares, int[] given) {
        List<IndexedSuspect> s = ranking.suspects();
        for (int k = 1; k < s.size(); k++) {
            IndexedSuspect prev = s.get(k - 1);
            IndexedSuspect cur = s.get(k);
            assertThat(cur.tier()).isGreaterThanOrEqualTo(prev.tier());
            if (cur.tier() == prev.tier()) {
                assertThat(evidence(probs, shares, cur.index(), cur.given()))
                        .isGreaterThanOrEqualTo(evidence(probs, shares, prev.index(), prev.given()));
            }
        }
        for (IndexedSuspect x : s) {
            int i = x.index();
            assertThat(x.given()).isEqualTo(given[i]);
            assertThat(x.suggested()).isNotEqualTo(x.given());
            assertThat(x.score())
                    .isCloseTo(
                            evidence(probs, shares, i, x.suggested()) - evidence(probs, shares, i, x.given()),
                            Offset.offset(1e-12));
            boolean strong = shares[i][x.given()] <= 0.05 + 1e-9 && probs[i][x.given()] <= 0.10;
            assertThat(x.tier()).isEqualTo(strong ? SuspectTier.LIKELY : SuspectTier.POSSIBLE);
        }
    }

    private static double evidence(double[][] probs, double[][] shares, int i, int c) {
        return 0.7 * shares[i][c] + 0.3 * probs[i][c];
    }

    @Test
    void neighboursOverruleTheModelsConfidentMistakeAndLikelyNeedsBothKindsOfEvidence() {
        // Hand-made evidence for four images labelled 1 (probabilities from the out-of-fold model, shares of
        // the neighbours carrying each label), computed here: evidence = 0.7 share + 0.3 p.
        double[][] p = {
            {0.95, 0.05}, // a fluffy dog the model takes for a cat, among dogs: evidence(1) = 0.7*0.8 + 0.015
            {0.92, 0.08}, // a cat filed as a dog, among cats: evidence(1) = 0.7*0.05 + 0.024 = 0.059: likely
            {0.60, 0.40}, // unsure model, neighbours split: evidence(1) = 0.7*0.45 + 0.12 = 0.435: possible
            {0.97, 0.03}, // both against, but 2 of 20 neighbours agree: not likely (share 0.10 > 0.05)
            {0.90, 0.10}, // labelled 0, and everything agrees
        };
        double[][] shares = {{0.2, 0.8}, {0.95, 0.05}, {0.55, 0.45}, {0.9, 0.1}, {0.9, 0.1}};
        int[] labels = {1, 1, 1, 1, 0};
        SuspectRanking r = LabelAudit.rank(p, shares, labels, 2);
        // The fluffy dog (image 0) has more evidence for its label than against it: no suspect at all.
        assertThat(r.suspects()).extracting(IndexedSuspect::index).containsExactly(1, 3, 2);
        assertThat(r.suspects())
                .extracting(IndexedSuspect::tier)
                .containsExactly(SuspectTier.LIKELY, SuspectTier.POSSIBLE, SuspectTier.POSSIBLE);
        assertThat(r.suspects().get(0).score())
                .isCloseTo((0.7 * 0.95 + 0.3 * 0.92) - (0.7 * 0.05 + 0.3 * 0.08), Offset.offset(1e-12));
        assertRankedByEvidence(r, p, shares, labels);
    }

    @Test
    void neighbourSharesCountTheLabelsOfEachImagesNeighbours() {
        int[][] neighbours = {{1, 2, 3, 4}, {0, 2}, {}};
        int[] labels = {0, 1, 1, 0, 2};
        double[][] s = LabelAudit.neighbourShares(neighbours, labels, 3);
        assertThat(s[0]).containsExactly(0.25, 0.5, 0.25);
        assertThat(s[1]).containsExactly(0.5, 0.5, 0.0);
        assertThat(s[2]).containsExactly(0.0, 0.0, 0.0);
    }

    /** Likely suspects first, by score (highest first); then possible ones, by p(given) (lowest first). */
    private static void assertRankedInTiers(SuspectRanking ranking, double[][] probs, int[] given) {
        List<IndexedSuspect> s = ranking.suspects();
        for (int k = 1; k < s.size(); k++) {
            IndexedSuspect prev = s.get(k - 1);
            IndexedSuspect cur = s.get(k);
            assertThat(cur.tier()).isGreaterThanOrEqualTo(prev.tier());
            if (cur.tier() == prev.tier() && cur.tier() == SuspectTier.LIKELY) {
                assertThat(cur.score()).isLessThanOrEqualTo(prev.score());
            } else if (cur.tier() == prev.tier()) {
                assertThat(probs[cur.index()][given[cur.index()]])
                        .isGreaterThanOrEqualTo(probs[prev.index()][given[prev.index()]]);
            }
        }
        for (IndexedSuspect x : s) {
            double[] p = probs[x.index()];
            assertThat(x.suggested()).isNotEqualTo(x.given());
            assertThat(x.score()).isEqualTo(p[x.suggested()] - p[x.given()]);
            if (x.tier() == SuspectTier.LIKELY) {
                assertThat(p[x.suggested()]).isGreaterThanOrEqualTo(ranking.thresholds()[x.suggested()]);
            } else {
                // The model prefers another class, but none reaches its threshold.
                assertThat(p[x.suggested()]).isGreaterThan(p[x.given()]);
                for (int j = 0; j < p.length; j++) {
                    if (j != x.given()) {
                        assertThat(p[j]).isLessThan(ranking.thresholds()[j]).isLessThanOrEqualTo(p[x.suggested()]);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameSuspectsAndThreeClassesWork() {
        int n = 450;
        int[] truth = new int[n];
        List<float[]> features = clusters(n / 3, 3, 32, 5, truth);
        int[] given = truth.clone();
        given[0] = 2; // a class 0 image filed under class 2
        given[4] = 0; // a class 1 image filed under class 0
        double[][] a = LabelAudit.outOfFoldProbabilities(
                features, given, 3, AuditSettings.defaults(), null, AuditProgress.NONE);
        double[][] b = LabelAudit.outOfFoldProbabilities(
                features, given, 3, AuditSettings.defaults(), null, AuditProgress.NONE);
        assertThat(a).isDeepEqualTo(b);
        SuspectRanking ranking =
                LabelAudit.rank(a, LabelAudit.neighbourShares(neighbours(features), given, 3), given, 3);
        assertThat(ranking.suspects().stream().limit(4).map(IndexedSuspect::index))
                .contains(0, 4);
        IndexedSuspect first = ranking.suspects().stream()
                .filter(s -> s.index() == 0)
                .findFirst()
                .orElseThrow();
        assertThat(first.suggested()).isEqualTo(0);
        for (double[] p : a) {
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, Offset.offset(1e-9));
        }
    }

    @Test
    void oldRankingThresholdsAreTheMeanSelfConfidenceOfEachClass() {
        // Hand-made probabilities, computed independently: class 0 images have p0 = 0.9, 0.7; class 1: p1 = 0.8, 0.6,
        // 0.1
        double[][] p = {{0.9, 0.1}, {0.7, 0.3}, {0.2, 0.8}, {0.4, 0.6}, {0.9, 0.1}};
        int[] labels = {0, 0, 1, 1, 1};
        SuspectRanking r = LabelAudit.confidentLearning(p, labels, 2);
        assertThat(r.thresholds()[0]).isCloseTo(0.8, Offset.offset(1e-12));
        assertThat(r.thresholds()[1]).isCloseTo(0.5, Offset.offset(1e-12));
        // Image 4 (labelled 1) has p0 = 0.9 >= 0.8: a suspect with margin 0.8. Image 3 has p0 = 0.4 < 0.8: not one.
        assertThat(r.suspects()).extracting(IndexedSuspect::index).containsExactly(4);
        assertThat(r.suspects().get(0).score()).isCloseTo(0.8, Offset.offset(1e-12));
        assertThat(r.suspects().get(0).suggested()).isZero();
    }

    @Test
    void oldRankingPutsConfidentLearningsSuspectsFirstThenImagesTheModelMerelyPrefersAnotherClassFor() {
        // Hand-made probabilities over four classes; class 3 has no image. Thresholds, computed by hand:
        // class 0: (0.30 + 0.35 + 0.90) / 3 = 0.5167, class 1: 0.90, class 2: (0.90 + 0.01 + 0.20) / 3 = 0.37.
        double[][] p = {
            {0.30, 0.36, 0.34, 0.00}, // labelled 0: the model prefers 1 by a hair, under 1's threshold: possible
            {0.35, 0.65, 0.00, 0.00}, // labelled 0: prefers 1 by more, still under 0.90: possible, after image 0
            {0.05, 0.90, 0.05, 0.00}, // labelled 1: agrees
            {0.05, 0.05, 0.90, 0.00}, // labelled 2: agrees
            {0.90, 0.05, 0.05, 0.00}, // labelled 0: agrees
            {0.02, 0.97, 0.01, 0.00}, // labelled 2: p1 = 0.97 >= 0.90: likely
            {0.10, 0.05, 0.20, 0.65}, // labelled 2: prefers the empty class 3, which is never suggested
        };
        int[] labels = {0, 0, 1, 2, 0, 2, 2};
        SuspectRanking r = LabelAudit.confidentLearning(p, labels, 4);
        assertThat(r.thresholds()[0]).isCloseTo(1.55 / 3, Offset.offset(1e-12));
        assertThat(r.thresholds()[3]).isInfinite();
        assertThat(r.suspects()).extracting(IndexedSuspect::index).containsExactly(5, 0, 1);
        assertThat(r.suspects())
                .extracting(IndexedSuspect::tier)
                .containsExactly(SuspectTier.LIKELY, SuspectTier.POSSIBLE, SuspectTier.POSSIBLE);
        assertThat(r.suspects()).extracting(IndexedSuspect::suggested).containsExactly(1, 1, 1);
        // Image 1 disagrees more (score 0.30 against 0.06) but is more confident in its label (0.35 against
        // 0.30): possible suspects go by self-confidence, as cleanlab's rank_by="self_confidence".
        assertThat(r.suspects().get(1).score()).isCloseTo(0.06, Offset.offset(1e-12));
        assertThat(r.suspects().get(2).score()).isCloseTo(0.30, Offset.offset(1e-12));
        assertRankedInTiers(r, p, labels);
    }

    @Test
    void foldsAreStratifiedAndSeeded() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 70 ? 0 : 1;
        }
        int[] f = LabelAudit.stratifiedFolds(labels, 2, 5, 42);
        assertThat(f).isEqualTo(LabelAudit.stratifiedFolds(labels, 2, 5, 42));
        for (int fold = 0; fold < 5; fold++) {
            int zeros = 0;
            int ones = 0;
            for (int i = 0; i < labels.length; i++) {
                if (f[i] == fold) {
                    if (labels[i] == 0) {
                        zeros++;
                    } else {
                        ones++;
                    }
                }
            }
            assertThat(zeros).isEqualTo(14);
            assertThat(ones).isBetween(6, 7);
        }
    }
}
