package studio.catdog.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.image.ImageDecoder;

/**
 * Near-duplicates: candidate pairs from the blocked cosine similarity of backbone features
 * ({@link SimilaritySearch}), each confirmed by the perceptual hashes of the two pictures
 * ({@link PerceptualHash}); confirmed pairs inside a split are joined into groups (union-find), pairs
 * across training and test are reported as leaks. Only the images of candidate pairs are decoded.
 */
public final class DuplicateAudit {

    private DuplicateAudit() {}

    /**
     * Searches a data set's images.
     *
     * @param samples the images (training and test)
     * @param features their features, aligned with {@code samples}
     * @param settings the similarity threshold, hash distance and block size
     * @param decisions pairs the user kept are left out
     * @param cancel checked between blocks and between pictures
     * @param progress search and hashing progress
     * @return the groups and leaks
     */
    public static DuplicateFindings find(
            List<ImageSample> samples,
            List<float[]> features,
            AuditSettings settings,
            KeptFindings decisions,
            CancellationToken cancel,
            AuditProgress progress) {
        long t0 = System.nanoTime();
        List<int[]> pairIdx = new ArrayList<>();
        List<Float> pairCos = new ArrayList<>();
        SimilaritySearch.search(
                features, settings.similarityThreshold(), settings.blockRows(), cancel, progress, (i, j, c) -> {
                    // Byte-identical files are the scanner's report already; features say nothing new there.
                    if (!samples.get(i).sha256().equals(samples.get(j).sha256())) {
                        pairIdx.add(new int[] {i, j});
                        pairCos.add(c);
                    }
                });
        long t1 = System.nanoTime();
        Map<Integer, Long> hashes = new HashMap<>();
        List<DuplicatePair> candidates = new ArrayList<>();
        for (int k = 0; k < pairIdx.size(); k++) {
            if (cancel != null) {
                cancel.throwIfCancelled();
            }
            progress.progress("Comparing pictures", k, pairIdx.size());
            int i = pairIdx.get(k)[0];
            int j = pairIdx.get(k)[1];
            Long hi = hashes.computeIfAbsent(i, x -> hash(samples.get(x)));
            Long hj = hashes.computeIfAbsent(j, x -> hash(samples.get(x)));
            int distance = hi == null || hj == null ? -1 : PerceptualHash.distance(hi, hj);
            candidates.add(new DuplicatePair(
                    samples.get(i),
                    samples.get(j),
                    pairCos.get(k),
                    distance,
                    distance >= 0 && distance <= settings.hashMaxDistance()));
        }
        long t2 = System.nanoTime();
        candidates.sort(Comparator.comparingDouble(DuplicatePair::cosine).reversed());

        int keptHidden = 0;
        List<DuplicatePair> leaks = new ArrayList<>();
        Map<ImageSample, Integer> index = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            index.put(samples.get(i), i);
        }
        int[] parent = new int[samples.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<Integer, Double> minCos = new HashMap<>();
        for (DuplicatePair p : candidates) {
            if (!p.confirmed()) {
                continue;
            }
            if (decisions.keptPairs().contains(p.key())) {
                keptHidden++;
                continue;
            }
            if (p.crossesSplits()) {
                leaks.add(p);
            } else {
                int a = find(parent, index.get(p.first()));
                int b = find(parent, index.get(p.second()));
                int root = Math.min(a, b);
                double m = Math.min(p.cosine(), Math.min(minCos.getOrDefault(a, 1.0), minCos.getOrDefault(b, 1.0)));
                parent[a] = root;
                parent[b] = root;
                minCos.put(root, m);
            }
        }
        Map<Integer, List<ImageSample>> members = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            int r = find(parent, i);
            if (r != i || minCos.containsKey(r)) {
                members.computeIfAbsent(r, x -> new ArrayList<>()).add(samples.get(i));
            }
        }
        List<DuplicateGroup> groups = new ArrayList<>();
        members.forEach((r, list) -> {
            if (list.size() > 1) {
                Split split = list.get(0).split();
                groups.add(new DuplicateGroup(split, list, minCos.getOrDefault(r, 1.0)));
            }
        });
        groups.sort(Comparator.comparingInt((DuplicateGroup g) -> -g.images().size())
                .thenComparing(g -> g.images().get(0).path()));
        return new DuplicateFindings(groups, leaks, candidates, keptHidden, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static Long hash(ImageSample s) {
        try {
            return PerceptualHash.dHash(ImageDecoder.decode(s.path()));
        } catch (RuntimeException e) { // UnreadableImageException among them
            return null; // moved or damaged since the scan: the pair stays unconfirmed
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
