package studio.catdog.core.audit;

import java.util.ArrayList;
import java.util.List;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;

/**
 * The whole audit of a data set from its features: likely label errors among the training images
 * ({@link LabelAudit}) and near-duplicates and leaks among all images ({@link DuplicateAudit}). Runs on
 * the engine worker (the similarity search uses the engine); {@code ModelService.audit} gets the
 * features (from the cache when they are there) and calls it inside one job.
 */
public final class DatasetAudit {

    private DatasetAudit() {}

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
            DatasetEdits.Decisions decisions,
            CancellationToken cancel,
            AuditProgress progress) {
        long t0 = System.nanoTime();
        FeatureSet train = features.subset(Split.TRAIN);
        int[] labels = train.labels();
        List<LabelSuspect> suspects = new ArrayList<>();
        int keptHidden = 0;
        double[] thresholds = new double[classes.size()];
        if (train.size() >= settings.folds()) {
            double[][] probs = LabelAudit.outOfFoldProbabilities(
                    train.features(), labels, classes.size(), settings, cancel, progress);
            LabelAudit.Ranking ranking = LabelAudit.rank(probs, labels, classes.size());
            thresholds = ranking.thresholds();
            for (LabelAudit.Suspect s : ranking.suspects()) {
                ImageSample sample = train.samples().get(s.index());
                if (decisions.keptImages().contains(sample.sha256())) {
                    keptHidden++;
                    continue;
                }
                suspects.add(new LabelSuspect(
                        sample,
                        classes.get(s.given()),
                        classes.get(s.suggested()),
                        s.score(),
                        probs[s.index()],
                        s.tier()));
            }
        }
        long t1 = System.nanoTime();
        DuplicateAudit.Result dups =
                DuplicateAudit.find(features.samples(), features.features(), settings, decisions, cancel, progress);
        int testImages = features.size() - train.size();
        return new AuditReport(
                classes,
                train.size(),
                testImages,
                thresholds,
                suspects,
                keptHidden + dups.keptHidden(),
                dups.groups(),
                dups.leaks(),
                dups.candidates(),
                features.skipped(),
                new AuditReport.Timings(
                        features.seconds(),
                        features.fromCache(),
                        features.computed(),
                        (t1 - t0) / 1e9,
                        dups.similaritySeconds(),
                        dups.hashSeconds()));
    }
}
