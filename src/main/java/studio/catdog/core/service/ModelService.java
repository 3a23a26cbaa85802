package studio.catdog.core.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import studio.catdog.core.AppPaths;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.KeptFindings;
import studio.catdog.core.audit.MoveRecord;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.BackboneStore;
import studio.catdog.core.backbone.DeviceStatus;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.jobs.JobQueue;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.training.HeadTrainer;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/**
 * The one model service the command line and the three workspaces share: a thin facade that turns
 * each request into a {@link Job} on the {@link JobQueue} and routes it to the class that does the
 * work ({@link TrainingRun}, {@link ModelPredictions}, {@link ModelEvaluation}, {@link ModelFiles},
 * {@link DatasetAnalysis}).
 *
 * <p>Each job has its own progress, cancel and result; a cancel reaches only that job. The current
 * model is one immutable {@link LoadedModel} (head, backbone, manifest) that changes only when a job
 * commits a complete new one, so a failed, cancelled or refused run leaves the previous model as it was.
 */
public final class ModelService implements AutoCloseable {

    private final Engines engines;
    private final AppPaths paths;
    private final FeatureExtractor extractor;
    private final DatasetScanner scanner;
    private final DatasetAnalysis analysis;
    private final JobQueue jobs = new JobQueue();
    private final ModelSlot slot;
    private final ModelPredictions predictions;
    private final ModelFiles files;
    private final Downloads downloads;

    /**
     * Creates the service.
     *
     * @param engines engine and device set-up
     * @param backbones opens backbones
     * @param paths where caches live
     * @param extractor computes features
     * @param scanner opens data set folders
     */
    public ModelService(
            Engines engines,
            BackboneFactory backbones,
            AppPaths paths,
            FeatureExtractor extractor,
            DatasetScanner scanner) {
        this.engines = engines;
        this.paths = paths;
        this.extractor = extractor;
        this.scanner = scanner;
        this.slot = new ModelSlot(backbones, paths.featureCacheDir());
        this.predictions = new ModelPredictions(extractor);
        this.analysis = new DatasetAnalysis(slot, extractor);
        this.files = new ModelFiles(slot);
        this.downloads = new Downloads(jobs, backbones.store());
    }

    /**
     * Creates the service with the standard parts for this user and machine; it opens no TorchScript
     * file but the pinned ResNet50.
     *
     * @return the service
     */
    public static ModelService createDefault() {
        return createDefault(TorchScriptTrust.REFUSE);
    }

    /**
     * Creates the service with the standard parts for this user and machine.
     *
     * @param trust decides whether a TorchScript file is opened (the app asks; the command line's
     *     {@code --trust-torchscript})
     * @return the service
     */
    public static ModelService createDefault(TorchScriptTrust trust) {
        Engines engines = new Engines();
        AppPaths paths = AppPaths.forCurrentUser();
        return new ModelService(
                engines,
                new BackboneFactory(engines, BackboneStore.forUser(paths)).withTorchScriptTrust(trust),
                paths,
                new FeatureExtractor(),
                new DatasetScanner(0.2, 42, paths.cacheDir().resolve("scans")));
    }

    /** @return the queue every job of this service runs on (for a status bar's job list) */
    public JobQueue jobs() {
        return jobs;
    }

    /** @return the current model, if one is trained or loaded; safe on any thread */
    public Optional<ModelSummary> currentModel() {
        return slot.current().map(LoadedModel::summary);
    }

    /** @return the current model's manifest (unsaved runs included), if any; safe on any thread */
    public Optional<ModelManifest> currentManifest() {
        return slot.current().map(LoadedModel::manifest);
    }

    /**
     * @return the preprocessing the current model's backbone needs, so images can be prepared off the
     *     engine worker (see {@link #predictPreprocessed}); safe on any thread
     */
    public Optional<Preprocessing> currentPreprocessing() {
        return slot.current().map(m -> m.backbone().backbone().preprocessing());
    }

    /** @return where the feature cache and models live */
    public AppPaths paths() {
        return paths;
    }

    /**
     * Scans a data set folder (on the file worker, so it does not wait behind a training run).
     *
     * @param root the folder
     * @return the job; progress counts files checked
     */
    public Job<Dataset> openDataset(Path root) {
        return jobs.submit(
                JobKind.SCAN,
                "Opening " + root.getFileName(),
                c -> scanner.scan(
                        root,
                        c.token(),
                        (checked, total) -> c.progress("Checking images", checked, total, Double.NaN)));
    }

    /**
     * Trains a new model from scratch; see
     * {@link #train(Dataset, BackboneSpec, TrainingSettings, TrainingObserver, boolean)}.
     *
     * @param dataset the data set
     * @param spec the backbone
     * @param settings training settings
     * @param observer this run's progress callbacks (engine worker)
     * @return the job
     */
    public Job<TrainingOutcome> train(
            Dataset dataset, BackboneSpec spec, TrainingSettings settings, TrainingObserver observer) {
        return train(dataset, spec, settings, observer, false);
    }

    /**
     * Extracts features, trains a new head and evaluates it on the test split. The new model becomes
     * current only when everything succeeds; a cancel or failure keeps the previous one.
     *
     * @param dataset the data set
     * @param spec the backbone
     * @param settings training settings
     * @param observer this run's progress callbacks (engine worker)
     * @param continueCurrent whether to start from the current model's weights (and keep its runs);
     *     the backbone must then be the current model's, which is checked before any extraction
     * @return the job
     */
    public Job<TrainingOutcome> train(
            Dataset dataset,
            BackboneSpec spec,
            TrainingSettings settings,
            TrainingObserver observer,
            boolean continueCurrent) {
        return jobs.submit(
                JobKind.TRAIN,
                (continueCurrent ? "Continuing training on " : "Training on ") + spec.text(),
                c -> new TrainingRun(slot, extractor, new HeadTrainer(engines.pytorchDevice()))
                        .run(dataset, spec, settings, observer, continueCurrent, c));
    }

    /**
     * Computes (or reads cached) features of a data set's images with a backbone, without training.
     *
     * @param dataset the data set
     * @param spec the backbone
     * @return the job
     */
    public Job<FeatureSet> extractFeatures(Dataset dataset, BackboneSpec spec) {
        return jobs.submit(
                JobKind.EXTRACT,
                "Extracting features with " + spec.text(),
                c -> analysis.extractFeatures(dataset, spec, c));
    }

    /**
     * Audits a data set: likely label errors among its training images (out-of-fold predictions over
     * the cached features, confident learning) and near-duplicates inside a split or leaked across
     * training and test. Features come from the feature cache; only images not cached yet go through
     * the backbone. The current model is not used or changed.
     *
     * @param dataset the data set
     * @param spec the backbone whose features to use (for label errors a strong one helps)
     * @param settings the audit settings ({@link AuditSettings#defaults()})
     * @param decisions "keep" decisions to respect ({@link DatasetEdits#decisions()}, or
     *     {@link KeptFindings#NONE})
     * @return the job; its steps are "Extracting features", "Checking labels", "Searching for
     *     near-duplicates" and "Comparing pictures"
     */
    public Job<AuditReport> audit(Dataset dataset, BackboneSpec spec, AuditSettings settings, KeptFindings decisions) {
        return jobs.submit(
                JobKind.AUDIT,
                "Auditing " + dataset.root().getFileName(),
                c -> analysis.audit(dataset, spec, settings, decisions, c));
    }

    /**
     * Moves a data set image to another class folder, on the files lane ({@link DatasetEdits#moveToClass}).
     *
     * @param edits the data set's edits
     * @param file the image
     * @param className the class to move it to
     * @return the job; its result is the move (undo it with {@link #undoMove})
     */
    public Job<MoveRecord> moveToClass(DatasetEdits edits, Path file, String className) {
        return jobs.submit(
                JobKind.EDIT_DATASET,
                "Moving " + file.getFileName() + " to " + className,
                c -> edits.moveToClass(file, className));
    }

    /**
     * Moves a data set image into the data set's {@code excluded/} folder, on the files lane
     * ({@link DatasetEdits#exclude}).
     *
     * @param edits the data set's edits
     * @param file the image
     * @return the job; its result is the move
     */
    public Job<MoveRecord> exclude(DatasetEdits edits, Path file) {
        return jobs.submit(JobKind.EDIT_DATASET, "Excluding " + file.getFileName(), c -> edits.exclude(file));
    }

    /**
     * Undoes a move, on the files lane ({@link DatasetEdits#undo}).
     *
     * @param edits the data set's edits
     * @param moveId the move
     * @return the job; its result is where the file is now
     */
    public Job<Path> undoMove(DatasetEdits edits, String moveId) {
        return jobs.submit(JobKind.EDIT_DATASET, "Undoing a move", c -> edits.undo(moveId));
    }

    /**
     * Evaluates the current model on a data set's test split.
     *
     * @param dataset the data set (its classes must match the model's)
     * @return the job; progress counts test images
     */
    public Job<EvaluationReport> evaluate(Dataset dataset) {
        return jobs.submit(
                JobKind.EVALUATE,
                "Evaluating on " + dataset.root().getFileName(),
                c -> ModelEvaluation.evaluate(slot.require(), dataset, extractor, c));
    }

    /**
     * Predicts one image file.
     *
     * @param file the image
     * @return the job
     */
    public Job<Prediction> predict(Path file) {
        return jobs.submit(
                JobKind.PREDICT,
                "Classifying " + file.getFileName(),
                c -> predictions.predict(slot.require(), ImageDecoder.readBytes(file), file.toString()));
    }

    /**
     * Predicts image bytes (pasted or dragged data).
     *
     * @param bytes the encoded image
     * @param source a name for the result
     * @return the job
     */
    public Job<Prediction> predict(byte[] bytes, String source) {
        return jobs.submit(
                JobKind.PREDICT, "Classifying " + source, c -> predictions.predict(slot.require(), bytes, source));
    }

    /**
     * Predicts a batch of images that were decoded and preprocessed on other threads (a prediction
     * server's request threads), with one backbone call, as one {@link JobKind#SERVE_BATCH} job. The
     * feature cache is not used: a server's images are new, and each answer costs the same.
     *
     * @param preprocessing what the pixels were prepared with ({@link #currentPreprocessing()}); the job
     *     fails when the current model's backbone needs another one
     * @param pixels {@code sources.size()} preprocessed images, one after another (floats after them are
     *     ignored; not copied: do not change them until the job ends)
     * @param sources a name per image
     * @return the job; its result is one prediction per image, in order
     */
    public Job<List<Prediction>> predictPreprocessed(
            Preprocessing preprocessing, float[] pixels, List<String> sources) {
        List<String> names = List.copyOf(sources);
        return jobs.submit(
                JobKind.SERVE_BATCH,
                "Serving " + names.size() + (names.size() == 1 ? " image" : " images"),
                c -> predictions.predictPreprocessed(slot.require(), preprocessing, pixels, names));
    }

    /**
     * Predicts many files as one job, in batches through the pipelined extractor and the feature
     * cache, reporting each result as soon as its batch is done.
     *
     * @param title the job in words ("Classifying holiday/")
     * @param paths the images
     * @param results receives each file's prediction or failure
     * @return the job; progress counts files
     */
    public Job<Void> predictFiles(String title, List<Path> paths, FileResults results) {
        return jobs.submit(JobKind.PREDICT_FOLDER, title, c -> {
            predictions.predictFiles(slot.require(), paths, results, c);
            return null;
        });
    }

    /**
     * Predicts every image under a folder (sub-folders included, hidden files skipped) as one job:
     * it lists the folder, then predicts like {@link #predictFiles}.
     *
     * @param dir the folder
     * @param results receives each file's prediction or failure
     * @return the job; progress counts files once the folder is listed
     */
    public Job<Void> predictFolder(Path dir, FileResults results) {
        return jobs.submit(JobKind.PREDICT_FOLDER, "Classifying " + dir.getFileName(), c -> {
            predictions.predictFolder(slot.require(), dir, results, c);
            return null;
        });
    }

    /**
     * Explains a prediction: which parts of the image the answer depends on (occlusion sensitivity).
     *
     * @param bytes the encoded image
     * @param source a name for the job
     * @return the job
     */
    public Job<Saliency> explain(byte[] bytes, String source) {
        return jobs.submit(JobKind.EXPLAIN, "Explaining " + source, c -> predictions.explain(slot.require(), bytes));
    }

    /**
     * Exports backbone and head together as one ONNX model with its preprocessing beside it.
     *
     * @param dir the folder to write
     * @return the job
     */
    public Job<Path> exportOnnx(Path dir) {
        return exportOnnx(dir, false);
    }

    /**
     * Exports the current model as one ONNX file with its preprocessing beside it.
     *
     * @param dir the folder to write
     * @param overwrite whether an earlier export in that folder may be replaced ({@code --overwrite})
     * @return the job
     */
    public Job<Path> exportOnnx(Path dir, boolean overwrite) {
        return jobs.submit(JobKind.EXPORT, "Exporting to " + dir.getFileName(), c -> files.exportOnnx(dir, overwrite));
    }

    /**
     * Saves the current model atomically.
     *
     * @param dir the model folder
     * @return the job
     */
    public Job<Path> save(Path dir) {
        return jobs.submit(JobKind.SAVE, "Saving to " + dir.getFileName(), c -> files.save(dir));
    }

    /**
     * Saves the current model atomically to a folder the user chose (the app's <i>Save as</i>): a
     * folder that holds a model is replaced only when {@code overwrite} is true (the user confirmed);
     * a folder that holds anything else, or the data set, is never replaced.
     *
     * @param dir the model folder
     * @param overwrite whether an existing model folder may be replaced
     * @return the job; it fails with {@link studio.catdog.core.OutputFolders.ExistsException} when the
     *     folder holds a model and {@code overwrite} is false
     */
    public Job<Path> save(Path dir, boolean overwrite) {
        return jobs.submit(JobKind.SAVE, "Saving to " + dir.getFileName(), c -> files.save(dir, overwrite));
    }

    /**
     * Opens a saved model and the backbone it needs; it becomes current only when it is whole.
     *
     * @param dir the model folder
     * @param backboneOverride a backbone to use instead of the one recorded (it must be the same
     *     model, checked by checksum), or null
     * @return the job
     */
    public Job<ModelManifest> loadModel(Path dir, BackboneSpec backboneOverride) {
        return jobs.submit(
                JobKind.LOAD,
                "Opening model " + dir.getFileName(),
                c -> files.load(dir, backboneOverride, engines.pytorchDevice(), c));
    }

    /**
     * The device in words, without starting an engine or downloading anything: the current model's
     * device when there is one, else what the engine set-up would choose; either way followed by what
     * an unused GPU would take ("NVIDIA GPU found; ... Use the GPU…").
     *
     * @return e.g. "CPU (OnnxRuntime, 2 cores)"
     */
    public String deviceDescription() {
        DeviceStatus status = engines.deviceStatus();
        String note = status.note().isEmpty() ? "" : " — " + status.note();
        return slot.current().map(m -> m.backbone().deviceDescription() + note).orElse(status.text());
    }

    /** @return the engine's device status (GPUs found, whether a GPU library download is offered); starts nothing */
    public DeviceStatus deviceStatus() {
        return engines.deviceStatus();
    }

    /** @return the downloads the user can ask for: pinned backbones and the GPU library, each a job */
    public Downloads downloads() {
        return downloads;
    }

    /** Cancels every job and frees every native resource on the engine worker. */
    @Override
    public void close() {
        jobs.close(slot::close);
    }
}
