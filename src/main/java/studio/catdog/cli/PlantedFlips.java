package studio.catdog.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import studio.catdog.core.audit.AuditProgress;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.LabelAudit;
import studio.catdog.core.audit.NeighbourSearch;
import studio.catdog.core.audit.SuspectTier;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;

/**
 * {@code catdog audit --plant-flips 0.5,1,2 --plant-seeds 1,2,3}: the label audit's benchmark on a real data
 * set (BENCHMARKS.md, "Findings you can trust"). For each rate and seed, a seeded random share of the
 * training labels is flipped in memory (nothing on disk changes), the audit ranks every labelled image
 * (training and test) with the new ranking ({@link LabelAudit#rank}: out-of-fold probabilities and
 * neighbours) and the old one ({@link LabelAudit#confidentLearning}: probabilities alone), and the planted
 * flips are counted among the top n (n = number planted: precision) and the top 2n (recall). The images in
 * the top n that were not planted are listed by name: some may be real label errors of the data set.
 */
final class PlantedFlips {

    private PlantedFlips() {}

    /**
     * One run per rate and seed.
     *
     * @param features the data set's features (training then test), labels as on disk
     * @param classes the class names
     * @param settings fold settings of the audit
     * @param ratesPercent shares of the training labels to flip, in percent
     * @param seeds seeds of the flip draw
     * @param root the data set folder, to print file names relative to it
     * @return one map per run, then a summary
     */
    static List<Map<String, Object>> run(
            FeatureSet features,
            List<String> classes,
            AuditSettings settings,
            List<Double> ratesPercent,
            List<Long> seeds,
            java.nio.file.Path root) {
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.samples().get(i).label() >= 0) {
                samples.add(features.samples().get(i));
                vectors.add(features.features().get(i));
            }
        }
        int[] truth = samples.stream().mapToInt(ImageSample::label).toArray();
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).split() == Split.TRAIN) {
                train.add(i);
            }
        }
        int k = classes.size();
        int[][] nearest;
        try (NeighbourSearch search = NeighbourSearch.of(vectors)) {
            // The neighbours do not depend on the labels: found once, shared by every run.
            nearest = search.nearest(LabelAudit.NEIGHBOURS, settings.blockRows(), null, AuditProgress.NONE);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (double rate : ratesPercent) {
            for (long seed : seeds) {
                int n = (int) Math.round(train.size() * rate / 100);
                List<Integer> order = new ArrayList<>(train);
                Random r = new Random(seed);
                Collections.shuffle(order, r);
                Set<Integer> flipped = new HashSet<>(order.subList(0, n));
                int[] given = truth.clone();
                for (int i : flipped) {
                    given[i] = (given[i] + 1 + r.nextInt(k - 1)) % k;
                }
                double[][] probs =
                        LabelAudit.outOfFoldProbabilities(vectors, given, k, settings, null, AuditProgress.NONE);
                LabelAudit.Ranking fresh =
                        LabelAudit.rank(probs, LabelAudit.neighbourShares(nearest, given, k), given, k);
                LabelAudit.Ranking old = LabelAudit.confidentLearning(probs, given, k);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ratePercent", rate);
                m.put("seed", seed);
                m.put("planted", n);
                put(m, "new", fresh, flipped, n, samples, root);
                put(m, "old", old, flipped, n, samples, root);
                runs.add(m);
                System.err.println(Json.line(m));
            }
        }
        return runs;
    }

    private static void put(
            Map<String, Object> m,
            String name,
            LabelAudit.Ranking ranking,
            Set<Integer> flipped,
            int n,
            List<ImageSample> samples,
            java.nio.file.Path root) {
        List<LabelAudit.Suspect> s = ranking.suspects();
        long inTopN =
                s.stream().limit(n).filter(x -> flipped.contains(x.index())).count();
        long inTop2N = s.stream()
                .limit(2L * n)
                .filter(x -> flipped.contains(x.index()))
                .count();
        List<LabelAudit.Suspect> likely =
                s.stream().filter(x -> x.tier() == SuspectTier.LIKELY).toList();
        long likelyFlipped =
                likely.stream().filter(x -> flipped.contains(x.index())).count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("precisionTopN", n == 0 ? Double.NaN : (double) inTopN / n);
        r.put("recallTop2N", n == 0 ? Double.NaN : (double) inTop2N / n);
        r.put("suspects", s.size());
        r.put("likely", likely.size());
        r.put("likelyPlanted", likelyFlipped);
        r.put(
                "notPlantedInTopN",
                s.stream()
                        .limit(n)
                        .filter(x -> !flipped.contains(x.index()))
                        .map(x -> root.relativize(samples.get(x.index()).path()).toString())
                        .toList());
        r.put(
                "likelyNotPlanted",
                likely.stream()
                        .filter(x -> !flipped.contains(x.index()))
                        .map(x -> root.relativize(samples.get(x.index()).path()).toString())
                        .toList());
        m.put(name, r);
    }
}
