package studio.catdog.core.service;

import java.util.ArrayList;
import java.util.List;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.download.TransferListener;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.download.TransferReading;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.model.EpochMetrics;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.storage.ManifestBuilder;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.training.HeadTrainer;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/**
 * The training job's body: open the backbone, extract features, train a head, evaluate it, and
 * commit the new model only when all of that succeeded.
 */
final class TrainingRun {

    private final ModelSlot slot;
    private final FeatureExtractor extractor;
    private final HeadTrainer trainer;

    TrainingRun(ModelSlot slot, FeatureExtractor extractor, HeadTrainer trainer) {
        this.slot = slot;
        this.extractor = extractor;
        this.trainer = trainer;
    }

    /**
     * Runs on the engine worker.
     *
     * @param dataset the data set
     * @param spec the backbone
     * @param settings the settings
     * @param observer per-run progress (engine worker)
     * @param continueCurrent whether to start from the current model's weights
     * @param context the job's token and progress
     * @return the outcome; the new model is current when this returns
     */
    TrainingOutcome run(
            Dataset dataset,
            BackboneSpec spec,
            TrainingSettings settings,
            TrainingObserver observer,
            boolean continueCurrent,
            JobContext context) {
        LoadedModel previous = continueCurrent ? slot.require() : null;
        List<ImageSample> trainSamples = dataset.samples(Split.TRAIN);
        List<ImageSample> testSamples = dataset.samples(Split.TEST);
        if (trainSamples.isEmpty()) {
            throw new CatdogException("The data set has no training images.");
        }
        if (previous != null && !dataset.classes().equals(previous.head().classes())) {
            throw new CatdogException("Cannot continue training: the model's classes "
                    + previous.head().classes() + " differ from the data set's " + dataset.classes() + ".");
        }
        TrainingObserver both = new ProgressRelay(observer, context);
        both.onPhase(Phase.LOADING_BACKBONE, 0, 100, Double.NaN);
        // Continuing keeps the features the model was trained on, whatever the settings say.
        FeatureLayer layer = previous == null
                ? settings.featureLayer()
                : FeatureLayer.fromRecorded(previous.manifest().backbone().featureLayer());
        if (previous != null) {
            ModelFiles.requireRecordedFile(slot.resolve(spec), previous.manifest(), true);
        }
        BackboneSession session = slot.session(spec, layer, downloadProgress(observer, context), context.token());
        // Checked before the long extraction, so a wrong backbone fails in seconds.
        if (previous != null
                && !session.info().identity().equals(ManifestBuilder.backboneIdentity(previous.manifest()))) {
            throw new CatdogException("Cannot continue training: the model was trained on the backbone '"
                    + previous.manifest().backbone().name() + "', not '"
                    + session.info().name() + "'.");
        }
        context.throwIfCancelled();

        FeatureSet features = extractor.extract(
                session.backbone(),
                session.cache(),
                dataset.trainThenTest(),
                context.token(),
                (done, total, eta) -> both.onPhase(Phase.EXTRACTING, done, total, eta));
        FeatureSet trainSet = features.subset(Split.TRAIN);
        FeatureSet testSet = features.subset(Split.TEST);

        long trainStart = System.nanoTime();
        TrainedHead head = trainer.train(
                trainSet,
                dataset.classes(),
                settings,
                both,
                context.token(),
                previous == null ? null : previous.head());
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        try {
            context.throwIfCancelled();
            EvaluationReport report = null;
            if (testSet.size() > 0) {
                both.onPhase(Phase.EVALUATING, 0, testSet.size(), Double.NaN);
                report = ModelEvaluation.evaluate(head, testSet);
                both.onPhase(Phase.EVALUATING, testSet.size(), testSet.size(), 0);
            }
            List<SkippedFile> skipped = new ArrayList<>(dataset.skipped());
            skipped.addAll(features.skipped());
            ModelManifest manifest = ManifestBuilder.build(
                    dataset,
                    session.info(),
                    session.backbone().preprocessing(),
                    settings,
                    head,
                    trainSet.size(),
                    report,
                    previous == null ? null : previous.manifest());
            context.throwIfCancelled();
            slot.commit(new LoadedModel(session, head, manifest, null));
            return new TrainingOutcome(
                    session.info(),
                    session.deviceDescription(),
                    trainSet.size(),
                    testSet.size(),
                    skipped,
                    features.seconds(),
                    features.fromCache(),
                    trainSeconds,
                    head.history(),
                    report,
                    head.stop());
        } catch (RuntimeException e) {
            head.close();
            throw e;
        }
    }

    /**
     * A first-time download of a pinned backbone: bytes, speed and time left in the job's step, and
     * kilobytes to the observer (its counters are ints).
     */
    private static TransferListener downloadProgress(TrainingObserver observer, JobContext context) {
        TransferMeter meter = new TransferMeter();
        return (done, total) -> {
            TransferReading r = meter.update(done, total);
            context.progress("Downloading the backbone: " + r.text(), done, Math.max(0, total), r.etaSeconds());
            observer.onPhase(
                    Phase.DOWNLOADING_BACKBONE, (int) (done >> 10), (int) (Math.max(0, total) >> 10), r.etaSeconds());
        };
    }

    private static String step(Phase phase) {
        return switch (phase) {
            case LOADING_BACKBONE -> "Loading the backbone";
            case EXTRACTING -> "Extracting features";
            case TRAINING -> "Training";
            case EVALUATING -> "Evaluating on the test images";
            default -> phase.name();
        };
    }

    /** Passes training progress to the caller's observer and to the job's progress. */
    private record ProgressRelay(TrainingObserver observer, JobContext context) implements TrainingObserver {
        @Override
        public void onPhase(Phase phase, int done, int total, double etaSeconds) {
            observer.onPhase(phase, done, total, etaSeconds);
            context.progress(step(phase), done, total, etaSeconds);
        }

        @Override
        public void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {
            observer.onBatch(epoch, batch, batchesPerEpoch, loss);
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            observer.onEpoch(metrics);
        }
    }
}
