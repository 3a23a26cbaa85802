package studio.catdog.core.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.model.TrainingStop;
import studio.catdog.core.training.TrainingSettings;

/** Builds the {@link ModelManifest} of a freshly trained model, before {@link ModelStore} saves it. */
public final class ManifestBuilder {

    /** The application and version written into model files. */
    public static final String APP = "CatDog Studio 0.1";

    private ManifestBuilder() {}

    /**
     * Describes a trained model.
     *
     * @param dataset the data set it was trained on
     * @param backbone the backbone's identity
     * @param preprocessing the backbone's preprocessing
     * @param settings the training settings
     * @param head the trained head
     * @param trainImages training images used (validation part included)
     * @param report the test results, or null without test images
     * @param continuedFrom the model this run continued from (its runs are kept), or null
     * @return the manifest, without the head's file name and checksum (the store adds those)
     */
    public static ModelManifest build(
            Dataset dataset,
            BackboneInfo backbone,
            Preprocessing preprocessing,
            TrainingSettings settings,
            TrainedHead head,
            int trainImages,
            EvaluationReport report,
            ModelManifest continuedFrom) {
        TrainingStop stop = head.stop();
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                APP,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                head.classes(),
                new ManifestBackbone(
                        backbone.kind(),
                        backbone.name(),
                        backbone.source(),
                        backbone.sha256(),
                        backbone.featureDim(),
                        backbone.featureLayer()),
                new ManifestPreprocessing(
                        preprocessing.resize(), preprocessing.crop(), preprocessing.mean(), preprocessing.std()),
                new ManifestHead(
                        head.hiddenUnits(), null, null, head.featureMean(), head.featureStd(), head.temperature()),
                new ManifestTraining(
                        settings.epochs(),
                        settings.batchSize(),
                        settings.learningRate(),
                        settings.optimizer().name(),
                        settings.seed(),
                        settings.validationFraction(),
                        settings.weightDecay(),
                        dataset.root().toAbsolutePath().toString(),
                        trainImages,
                        history(head.history()),
                        stop == null ? null : stop.earlyStopping(),
                        stop == null || !stop.earlyStopping() ? null : stop.patience(),
                        stop == null ? null : stop.epochsRun(),
                        stop == null || stop.bestEpoch() == 0 ? null : stop.bestEpoch(),
                        stop == null ? null : stop.keptEpoch()),
                metrics(report),
                null,
                continuedFrom == null ? List.of() : continuedFrom.runs());
    }

    /**
     * The identity a manifest records, in the form {@link BackboneInfo#identity()} gives, so a
     * manifest can be compared with an open backbone.
     *
     * @param m the manifest
     * @return the recorded backbone identity
     */
    public static String backboneIdentity(ModelManifest m) {
        ManifestBackbone b = m.backbone();
        // Models saved before the layer was a choice recorded their output as "output": the logits.
        String layer = FeatureLayer.fromRecorded(b.featureLayer()).id();
        return new BackboneInfo(
                        ModelSources.canonicalKind(b.kind()),
                        b.name(),
                        b.source(),
                        b.sha256(),
                        b.featureDim(),
                        layer,
                        "",
                        "")
                .identity();
    }

    private static List<Map<String, Double>> history(List<EpochMetrics> epochs) {
        List<Map<String, Double>> history = new ArrayList<>();
        for (EpochMetrics e : epochs) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("epoch", (double) e.epoch());
            row.put("trainLoss", e.trainLoss());
            row.put("trainAccuracy", e.trainAccuracy());
            row.put("validationLoss", Double.isNaN(e.validationLoss()) ? null : e.validationLoss());
            row.put("validationAccuracy", Double.isNaN(e.validationAccuracy()) ? null : e.validationAccuracy());
            history.add(row);
        }
        return history;
    }

    private static ManifestMetrics metrics(EvaluationReport report) {
        if (report == null) {
            return null;
        }
        Map<String, Double> f1 = new LinkedHashMap<>();
        report.perClass().forEach(c -> f1.put(c.className(), c.f1()));
        return new ManifestMetrics(
                report.images(),
                report.accuracy(),
                Double.isNaN(report.rocAuc()) ? null : report.rocAuc(),
                f1,
                report.calibration() == null ? null : report.calibration().eceBefore(),
                report.calibration() == null ? null : report.calibration().eceAfter());
    }
}
