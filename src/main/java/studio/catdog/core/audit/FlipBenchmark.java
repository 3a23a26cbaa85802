package studio.catdog.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;

/**
 * The label audit measured on planted errors: a seeded random share of the training labels is flipped in
 * memory (nothing on disk changes), every labelled image (training and test) is ranked by the new ranking
 * ({@link LabelAudit#rank}: out-of-fold probabilities and neighbours, weighed by their agreement where each image
 * lies), by the old one ({@link LabelAudit#confidentLearning}: probabilities alone) and by the neighbours trusted
 * everywhere (the ranking before the agreement was measured), and the planted flips are counted among the
 * top n (n = number planted: precision) and the top 2n (recall). Used by {@code catdog audit --plant-flips}
 * and the real-data test (BENCHMARKS.md, "Findings you can trust").
 */
public final class FlipBenchmark {

    private final List<ImageSample> samples;
    private final List<float[]> vectors;
    private final int[] truth;
    private final List<Integer> train;
    private final int classes;
    private final int[][] nearest;
    private final double[] closeness;

    /**
     * Finds the neighbours once (they do not depend on the labels).
     *
     * @param features the data set's features, labels as on disk
     * @param classes the number of classes
     * @param settings block size of the neighbour search
     */
    public FlipBenchmark(FeatureSet features, int classes, AuditSettings settings) {
        this.samples = new ArrayList<>();
        this.vectors = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.samples().get(i).label() >= 0) {
                samples.add(features.samples().get(i));
                vectors.add(features.features().get(i));
            }
        }
        this.truth = samples.stream().mapToInt(ImageSample::label).toArray();
        this.train = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).split() == Split.TRAIN) {
                train.add(i);
            }
        }
        this.classes = classes;
        this.closeness = new double[vectors.size()];
        try (NeighbourSearch search = NeighbourSearch.of(vectors)) {
            nearest = search.nearest(LabelAudit.NEIGHBOURS, settings.blockRows(), null, AuditProgress.NONE, closeness);
        }
    }

    /**
     * Flips a share of the training labels and scores both rankings.
     *
     * @param ratePercent the share of training labels to flip, in percent
     * @param seed seeds which labels flip (and, with more than two classes, to what)
     * @param settings the fold settings
     * @return both scores
     */
    public FlipBenchmarkRun run(double ratePercent, long seed, AuditSettings settings) {
        int n = (int) Math.round(train.size() * ratePercent / 100);
        List<Integer> order = new ArrayList<>(train);
        Random r = new Random(seed);
        Collections.shuffle(order, r);
        Set<Integer> flipped = new HashSet<>(order.subList(0, n));
        int[] given = truth.clone();
        for (int i : order.subList(0, n)) {
            given[i] = (given[i] + 1 + r.nextInt(classes - 1)) % classes;
        }
        double[][] probs =
                LabelAudit.outOfFoldProbabilities(vectors, given, classes, settings, null, AuditProgress.NONE);
        double[][] shares = LabelAudit.neighbourShares(nearest, given, classes);
        double[] agreement = LabelAudit.neighbourAgreement(closeness, shares, given);
        SuspectRanking fresh = LabelAudit.rank(probs, shares, agreement, given, classes);
        SuspectRanking old = LabelAudit.confidentLearning(probs, given, classes);
        SuspectRanking everywhere = LabelAudit.rank(probs, shares, given, classes);
        return new FlipBenchmarkRun(n, score(fresh, flipped, n), score(old, flipped, n), score(everywhere, flipped, n));
    }

    private FlipBenchmarkScore score(SuspectRanking ranking, Set<Integer> flipped, int n) {
        List<IndexedSuspect> s = ranking.suspects();
        long inTopN =
                s.stream().limit(n).filter(x -> flipped.contains(x.index())).count();
        long inTop2N = s.stream()
                .limit(2L * n)
                .filter(x -> flipped.contains(x.index()))
                .count();
        long listed = s.stream().filter(x -> flipped.contains(x.index())).count();
        List<IndexedSuspect> likely =
                s.stream().filter(x -> x.tier() == SuspectTier.LIKELY).toList();
        long likelyPlanted =
                likely.stream().filter(x -> flipped.contains(x.index())).count();
        return new FlipBenchmarkScore(
                n == 0 ? Double.NaN : (double) inTopN / n,
                n == 0 ? Double.NaN : (double) inTop2N / n,
                s.size(),
                (int) listed,
                likely.size(),
                (int) likelyPlanted,
                s.stream()
                        .limit(n)
                        .filter(x -> !flipped.contains(x.index()))
                        .map(x -> samples.get(x.index()))
                        .toList(),
                likely.stream()
                        .filter(x -> !flipped.contains(x.index()))
                        .map(x -> samples.get(x.index()))
                        .toList());
    }
}
