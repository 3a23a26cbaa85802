package studio.catdog.core.service;

import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.DatasetAudit;
import studio.catdog.core.audit.KeptFindings;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.jobs.JobContext;

/**
 * The work of {@link ModelService#extractFeatures} and {@link ModelService#audit}: a data set's features with a
 * backbone session of the {@link ModelSlot} (cached ones read, the rest computed), and the audit over them. Does
 * not use or change the current model. Engine worker only.
 */
final class DatasetAnalysis {

    private final ModelSlot slot;
    private final FeatureExtractor extractor;

    DatasetAnalysis(ModelSlot slot, FeatureExtractor extractor) {
        this.slot = slot;
        this.extractor = extractor;
    }

    /**
     * Computes (or reads cached) features of a data set's images, training images first.
     *
     * @param dataset the data set
     * @param spec the backbone (downloaded first when it is not yet)
     * @param c the job's context: progress and cancel
     * @return the features
     */
    FeatureSet extractFeatures(Dataset dataset, BackboneSpec spec, JobContext c) {
        BackboneSession session =
                slot.session(spec, FeatureLayer.DEFAULT, TransferMeter.toJob("Downloading the backbone", c), c.token());
        return extractor.extract(
                session.backbone(),
                session.cache(),
                dataset.trainThenTest(),
                c.token(),
                (done, total, eta) -> c.progress("Extracting features", done, total, eta));
    }

    /**
     * Audits a data set: its features ({@link #extractFeatures}), then label errors and near-duplicates.
     *
     * @param dataset the data set
     * @param spec the backbone whose features to use
     * @param settings the audit settings
     * @param decisions "keep" decisions to respect
     * @param c the job's context: progress and cancel
     * @return the report
     */
    AuditReport audit(
            Dataset dataset, BackboneSpec spec, AuditSettings settings, KeptFindings decisions, JobContext c) {
        FeatureSet features = extractFeatures(dataset, spec, c);
        return DatasetAudit.analyse(
                features,
                dataset.classes(),
                settings,
                decisions,
                c.token(),
                (step, done, total) -> c.progress(step, done, total, Double.NaN));
    }
}
