package studio.catdog.core.audit;

import java.util.ArrayList;
import java.util.List;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;

/**
 * The whole audit of a data set from its features: label errors among all labelled images, training and
 * test ({@link LabelAudit}, with the neighbours of {@link NeighbourSearch}), and near-duplicates and leaks among all
 * images ({@link DuplicateAudit}). Runs on
 * the engine worker (the similarity search uses the engine); {@code ModelService.audit} gets the
 * features (from the cache when they are there) and calls it inside one job.
 */
public final class DatasetAudit {

    /** Nearest images of the given and of the suggested class shown beside each suspect. */
    public static final int EVIDENCE_IMAGES = 4;

    private DatasetAudit() {}

    private static List<ImageSample> samplesAt(List<ImageSample> samples, int[] indexes) {
        List<ImageSample> out = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            out.add(samples.get(i));
        }
        return out;
    }

    /**
     * Audits a data set.
     *
     * @param features the features of the data set's images (training then test), as extracted
     * @param classes the class names
     * @param settings the audit settings
     * @param decisions "keep" decisions to respect
     * @param cancel checked throughout
     * @param progress each step's progress
     * @return the report
     */
    public static AuditReport analyse(
            FeatureSet features,
            List<String> classes,
            AuditSettings settings,
            KeptFindings decisions,
            CancellationToken cancel,
            AuditProgress progress) {
        long t0 = System.nanoTime();
        // Every labelled image is audited, test images too: a wrong test label counts against the model.
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.samples().get(i).label() >= 0) {
                samples.add(features.samples().get(i));
                vectors.add(features.features().get(i));
            }
        }
        int[] labels = samples.stream().mapToInt(ImageSample::label).toArray();
        List<LabelSuspect> suspects = new ArrayList<>();
        int keptHidden = 0;
        double[] thresholds = new double[classes.size()];
        if (samples.size() >= settings.folds()) {
            double[][] probs =
                    LabelAudit.outOfFoldProbabilities(vectors, labels, classes.size(), settings, cancel, progress);
            try (NeighbourSearch search = NeighbourSearch.of(vectors)) {
                double[] closeness = new double[vectors.size()];
                int[][] nearest =
                        search.nearest(LabelAudit.NEIGHBOURS, settings.blockRows(), cancel, progress, closeness);
                double[][] shares = LabelAudit.neighbourShares(nearest, labels, classes.size());
                double[] agreement = LabelAudit.neighbourAgreement(closeness, shares, labels);
                SuspectRanking ranking = LabelAudit.rank(probs, shares, agreement, labels, classes.size());
                thresholds = ranking.thresholds();
                List<IndexedSuspect> shown = new ArrayList<>();
                for (IndexedSuspect s : ranking.suspects()) {
                    if (decisions.keptImages().contains(samples.get(s.index()).sha256())) {
                        keptHidden++;
                    } else {
                        shown.add(s);
                    }
                }
                int[] queries = shown.stream().mapToInt(IndexedSuspect::index).toArray();
                int[][][] around = queries.length == 0
                        ? new int[0][][]
                        : search.nearestOfEachClass(queries, labels, classes.size(), EVIDENCE_IMAGES);
                for (int q = 0; q < shown.size(); q++) {
                    IndexedSuspect s = shown.get(q);
                    suspects.add(new LabelSuspect(
                            samples.get(s.index()),
                            classes.get(s.given()),
                            classes.get(s.suggested()),
                            s.score(),
                            probs[s.index()],
                            shares[s.index()],
                            s.tier(),
                            samplesAt(samples, around[q][s.given()]),
                            samplesAt(samples, around[q][s.suggested()]),
                            agreement[s.index()]));
                }
            }
        }
        long t1 = System.nanoTime();
        DuplicateFindings dups =
                DuplicateAudit.find(features.samples(), features.features(), settings, decisions, cancel, progress);
        int trainImages = features.subset(Split.TRAIN).size();
        int testImages = features.size() - trainImages;
        return new AuditReport(
                classes,
                trainImages,
                testImages,
                thresholds,
                suspects,
                keptHidden + dups.keptHidden(),
                dups.groups(),
                dups.leaks(),
                dups.candidates(),
                features.skipped(),
                new AuditTimings(
                        features.seconds(),
                        features.fromCache(),
                        features.computed(),
                        (t1 - t0) / 1e9,
                        dups.similaritySeconds(),
                        dups.hashSeconds()));
    }
}
