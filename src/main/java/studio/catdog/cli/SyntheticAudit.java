package studio.catdog.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import studio.catdog.core.ProcessMemory;
import studio.catdog.core.audit.AuditProgress;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.LabelAudit;
import studio.catdog.core.audit.NeighbourSearch;
import studio.catdog.core.audit.SimilaritySearch;
import studio.catdog.core.audit.SuspectRanking;
import studio.catdog.core.audit.SuspectTier;

/**
 * {@code catdog audit --synthetic N}: the audit's two computations on N generated feature vectors, to
 * measure time and memory at a scale no test data set has (BENCHMARKS.md, "Data set audit"). The
 * vectors are non-negative like pooled features (two classes, 2% of labels flipped), and 0.5% of them
 * are near-copies of another vector (cosine 0.93 to 0.995). No image is read, so no perceptual hash is
 * computed.
 */
final class SyntheticAudit {

    private SyntheticAudit() {}

    static Map<String, Object> run(int n, int dim, AuditSettings settings) {
        Random r = new Random(settings.seed());
        float[][] centres = new float[2][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) Math.abs(r.nextGaussian());
            }
        }
        int copies = Math.max(1, n / 200);
        int originals = n - copies;
        List<float[]> vectors = new ArrayList<>(n);
        int[] truth = new int[n];
        for (int i = 0; i < originals; i++) {
            truth[i] = r.nextInt(2);
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) Math.abs(r.nextGaussian()) + 0.3f * centres[truth[i]][d];
            }
            vectors.add(v);
        }
        Set<Long> planted = new HashSet<>();
        for (int k = 0; k < copies; k++) {
            int src = r.nextInt(originals);
            float[] v = vectors.get(src).clone();
            double noise = 0.05 + 0.3 * r.nextDouble(); // relative noise: cosine about 0.995 down to 0.93
            for (int d = 0; d < dim; d++) {
                v[d] = (float) Math.max(0, v[d] + noise * r.nextGaussian());
            }
            truth[originals + k] = truth[src];
            vectors.add(v);
            planted.add((long) src * n + originals + k);
        }
        int[] given = truth.clone();
        Set<Integer> flipped = new HashSet<>();
        while (flipped.size() < n / 50) {
            int i = r.nextInt(n);
            if (flipped.add(i)) {
                given[i] = 1 - given[i];
            }
        }

        long t0 = System.nanoTime();
        double[][] probs = LabelAudit.outOfFoldProbabilities(vectors, given, 2, settings, null, AuditProgress.NONE);
        long tn = System.nanoTime();
        int[][] nearest;
        double[] closeness = new double[vectors.size()];
        try (NeighbourSearch search = NeighbourSearch.of(vectors)) {
            nearest = search.nearest(LabelAudit.NEIGHBOURS, settings.blockRows(), null, AuditProgress.NONE, closeness);
        }
        double[][] shares = LabelAudit.neighbourShares(nearest, given, 2);
        double[] agreement = LabelAudit.neighbourAgreement(closeness, shares, given);
        SuspectRanking ranking = LabelAudit.rank(probs, shares, agreement, given, 2);
        long t1 = System.nanoTime();
        long[] found = new long[2];
        long pairs = SimilaritySearch.search(
                vectors, settings.similarityThreshold(), settings.blockRows(), null, AuditProgress.NONE, (i, j, c) -> {
                    if (planted.contains((long) i * n + j)) {
                        found[0]++;
                    } else {
                        found[1]++;
                    }
                });
        long t2 = System.nanoTime();
        long flipsInTop = ranking.suspects().stream()
                .limit(2L * flipped.size())
                .filter(s -> flipped.contains(s.index()))
                .count();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("synthetic", n);
        out.put("dim", dim);
        out.put("flipped", flipped.size());
        out.put("suspects", ranking.suspects().size());
        out.put(
                "likelySuspects",
                ranking.suspects().stream()
                        .filter(s -> s.tier() == SuspectTier.LIKELY)
                        .count());
        out.put("flipRecallTop2x", (double) flipsInTop / flipped.size());
        out.put("plantedCopies", copies);
        out.put("plantedFound", found[0]);
        out.put("otherPairs", found[1]);
        out.put("pairsOverThreshold", pairs);
        out.put("labelSeconds", Math.round((t1 - t0) / 1e6) / 1000.0);
        out.put("neighbourSeconds", Math.round((t1 - tn) / 1e6) / 1000.0);
        out.put("similaritySeconds", Math.round((t2 - t1) / 1e6) / 1000.0);
        out.put("peakRssMb", ProcessMemory.peakRssMb());
        out.put("peakHeapMb", ProcessMemory.peakHeapMb());
        return out;
    }
}
