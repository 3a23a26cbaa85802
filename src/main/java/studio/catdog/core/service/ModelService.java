package studio.catdog.core.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AppPaths;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.export.OnnxExporter;
import studio.catdog.core.features.ExtractionListener;
import studio.catdog.core.features.FeatureCache;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.prediction.NoveltyDetector;
import studio.catdog.core.prediction.OcclusionSaliency;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.core.training.EpochMetrics;
import studio.catdog.core.training.HeadTrainer;
import studio.catdog.core.training.Phase;
import studio.catdog.core.training.TrainedHead;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/**
 * The one owner of the engine, the backbone, the feature cache and the trained head. Every heavy job
 * runs on its single worker thread, one after another, so NDArrays never cross threads and nothing
 * else needs locking. Callers get a {@link CompletableFuture} (completed on the worker thread) and
 * follow the state through {@link ServiceListener}s. The command line and the desktop UI share it.
 */
public final class ModelService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelService.class);
    /** The application name and version written into model files. */
    public static final String APP = "CatDog Studio 0.1";

    private final Engines engines;
    private final BackboneFactory backbones;
    private final AppPaths paths;
    private final FeatureExtractor extractor;
    private final DatasetScanner scanner;
    private final ExecutorService worker;
    private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();

    private volatile ServiceState state = ServiceState.IDLE;
    private volatile String stateMessage = "";
    private volatile CancellationToken cancel = new CancellationToken();
    private volatile ModelSummary summary;

    // Confined to the worker thread.
    private Backbone backbone;
    private BackboneSpec backboneSpec;
    private FeatureCache cache;
    private TrainedHead head;
    private volatile ModelManifest manifest;

    /**
     * Creates the service.
     *
     * @param engines engine and device set-up
     * @param backbones opens backbones
     * @param paths where caches live
     * @param extractor computes features
     * @param scanner opens data set folders
     */
    public ModelService(Engines engines, BackboneFactory backbones, AppPaths paths,
                        FeatureExtractor extractor, DatasetScanner scanner) {
        this.engines = engines;
        this.backbones = backbones;
        this.paths = paths;
        this.extractor = extractor;
        this.scanner = scanner;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "catdog-model-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the service with the standard parts for this user and machine.
     *
     * @return the service
     */
    public static ModelService createDefault() {
        Engines engines = new Engines();
        AppPaths paths = AppPaths.forCurrentUser();
        return new ModelService(engines, new BackboneFactory(engines), paths,
                new FeatureExtractor(), new DatasetScanner(0.2, 42, paths.cacheDir().resolve("scans")));
    }

    /**
     * Adds a state listener.
     *
     * @param listener the listener
     */
    public void addListener(ServiceListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Removes a state listener.
     *
     * @param listener the listener
     */
    public void removeListener(ServiceListener listener) {
        listeners.remove(listener);
    }

    /** @return the current state */
    public ServiceState state() {
        return state;
    }

    /** @return the message that came with the current state */
    public String stateMessage() {
        return stateMessage;
    }

    /** @return the current model, if one is trained or loaded */
    public Optional<ModelSummary> currentModel() {
        return Optional.ofNullable(summary);
    }

    /** @return where the feature cache and models live */
    public AppPaths paths() {
        return paths;
    }

    /** Asks the running job to stop at its next check (within one batch). */
    public void cancel() {
        cancel.cancel();
    }

    /**
     * Scans a data set folder.
     *
     * @param root the folder
     * @param progress (checked, total) files; may be null
     * @return the data set
     */
    public CompletableFuture<Dataset> openDataset(Path root, BiConsumer<Integer, Integer> progress) {
        return submit(ServiceState.LOADING, "Scanning " + root, token -> scanner.scan(root, token, progress));
    }

    /**
     * Loads a backbone (downloading ResNet50 the first time), replacing the current one.
     *
     * @param spec the backbone
     * @param download download progress 0..1; may be null
     * @return its identity
     */
    public CompletableFuture<BackboneInfo> loadBackbone(BackboneSpec spec, java.util.function.Consumer<Double> download) {
        return submit(ServiceState.LOADING, "Loading backbone " + spec.text(), token -> ensureBackbone(spec, download).info());
    }

    /**
     * Extracts features, trains a new head and evaluates it on the test split. The new model becomes
     * current only when everything succeeds; a cancel or failure keeps the previous one.
     *
     * @param dataset the data set
     * @param spec the backbone
     * @param settings training settings
     * @param observer progress callbacks (worker thread)
     * @return the outcome
     */
    public CompletableFuture<TrainingOutcome> train(Dataset dataset, BackboneSpec spec, TrainingSettings settings,
                                                    TrainingObserver observer) {
        return train(dataset, spec, settings, observer, false);
    }

    /**
     * Like {@link #train(Dataset, BackboneSpec, TrainingSettings, TrainingObserver)}, optionally
     * continuing from the current model: its weights are the starting point and its run history is
     * kept in the new model, so runs can be compared.
     *
     * @param dataset the data set
     * @param spec the backbone (must be the current model's when continuing)
     * @param settings training settings
     * @param observer progress callbacks (worker thread)
     * @param continueCurrent whether to start from the current model
     * @return the outcome
     */
    public CompletableFuture<TrainingOutcome> train(Dataset dataset, BackboneSpec spec, TrainingSettings settings,
                                                    TrainingObserver observer, boolean continueCurrent) {
        return submit(ServiceState.LOADING, "Loading backbone", token -> {
            if (continueCurrent) {
                requireModel();
            }
            TrainedHead startFrom = continueCurrent ? head : null;
            ModelManifest previous = continueCurrent ? manifest : null;
            observer.onPhase(Phase.LOADING_BACKBONE, 0, 100, Double.NaN);
            Backbone b = ensureBackbone(spec,
                    fraction -> observer.onPhase(Phase.LOADING_BACKBONE, (int) Math.round(fraction * 100), 100, Double.NaN));
            List<ImageSample> trainSamples = dataset.samples(Split.TRAIN);
            List<ImageSample> testSamples = dataset.samples(Split.TEST);
            if (trainSamples.isEmpty()) {
                throw new CatdogException("The data set has no training images.");
            }
            setState(ServiceState.EXTRACTING, "Extracting features");
            List<ImageSample> all = new ArrayList<>(trainSamples);
            all.addAll(testSamples);
            FeatureSet features = extractor.extract(b, cache, all, token,
                    (done, total, eta) -> observer.onPhase(Phase.EXTRACTING, done, total, eta));
            FeatureSet trainSet = subset(features, Split.TRAIN);
            FeatureSet testSet = subset(features, Split.TEST);

            setState(ServiceState.TRAINING, "Training");
            long trainStart = System.nanoTime();
            if (startFrom != null && !b.info().identity().equals(backboneIdentityOf(previous))) {
                throw new CatdogException("Cannot continue training: the model was trained on the backbone '"
                        + previous.backbone().name() + "', not '" + b.info().name() + "'.");
            }
            TrainedHead newHead = new HeadTrainer(engines.pytorchDevice()).train(trainSet, dataset.classes(),
                    settings, observer, token, startFrom);
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            try {
                token.throwIfCancelled();
                EvaluationReport report = null;
                if (testSet.size() > 0) {
                    setState(ServiceState.EVALUATING, "Evaluating on the test images");
                    observer.onPhase(Phase.EVALUATING, 0, testSet.size(), Double.NaN);
                    report = evaluate(newHead, testSet);
                    observer.onPhase(Phase.EVALUATING, testSet.size(), testSet.size(), 0);
                }
                List<SkippedFile> skipped = new ArrayList<>(dataset.skipped());
                skipped.addAll(features.skipped());
                ModelManifest built = buildManifest(dataset, b, settings, newHead, trainSet.size(), report);
                if (previous != null) {
                    built = new ModelManifest(built.formatVersion(), built.app(), built.createdAt(), built.classes(),
                            built.backbone(), built.preprocessing(), built.head(), built.training(), built.metrics(),
                            built.novelty(), previous.runs());
                }
                replaceHead(newHead, built, null);
                return new TrainingOutcome(b.info(), deviceDescription(b), trainSet.size(), testSet.size(), skipped,
                        features.seconds(), features.fromCache(), trainSeconds, newHead.history(), report);
            } catch (RuntimeException e) {
                newHead.close();
                throw e;
            }
        });
    }

    /**
     * Evaluates the current model on a data set's test split.
     *
     * @param dataset the data set (its classes must match the model's)
     * @param progress extraction progress
     * @return the report
     */
    public CompletableFuture<EvaluationReport> evaluate(Dataset dataset, ExtractionListener progress) {
        return submit(ServiceState.EVALUATING, "Evaluating", token -> {
            requireModel();
            if (!dataset.classes().equals(head.classes())) {
                throw new CatdogException("The data set's classes " + dataset.classes()
                        + " differ from the model's " + head.classes() + ".");
            }
            List<ImageSample> test = dataset.samples(Split.TEST);
            if (test.isEmpty()) {
                throw new CatdogException("The data set has no test images to evaluate on.");
            }
            FeatureSet features = extractor.extract(backbone, cache, test, token, progress);
            return evaluate(head, features);
        });
    }

    /**
     * Predicts one image file.
     *
     * @param file the image
     * @return the prediction
     */
    public CompletableFuture<Prediction> predict(Path file) {
        return submitQuick(() -> predictBytes(ImageDecoder.readBytes(file), file.toString()));
    }

    /**
     * Predicts image bytes (for pasted or dragged data).
     *
     * @param bytes the encoded image
     * @param source a name for the result
     * @return the prediction
     */
    public CompletableFuture<Prediction> predict(byte[] bytes, String source) {
        return submitQuick(() -> predictBytes(bytes, source));
    }

    /** Receives the results of {@link #predictFiles}, one call per file, on the worker thread. */
    public interface FileResults {
        /**
         * A file was predicted.
         *
         * @param file the file
         * @param prediction the prediction
         */
        void predicted(Path file, Prediction prediction);

        /**
         * A file could not be predicted.
         *
         * @param file the file
         * @param reason why, in plain words
         */
        void failed(Path file, String reason);
    }

    /**
     * Predicts many files as one cancellable job, in batches through the pipelined extractor and the
     * feature cache, reporting each result as soon as its batch is done (so callers can stream them).
     *
     * @param files the images
     * @param results receives each file's prediction or failure
     * @param progress files done of total
     * @return completes when every file was handled
     */
    public CompletableFuture<Void> predictFiles(List<Path> files, FileResults results, ExtractionListener progress) {
        return submit(ServiceState.EXTRACTING, "Predicting " + files.size() + " files", token -> {
            requireModel();
            int chunk = 256;
            for (int from = 0; from < files.size(); from += chunk) {
                token.throwIfCancelled();
                List<ImageSample> samples = new ArrayList<>();
                for (Path file : files.subList(from, Math.min(files.size(), from + chunk))) {
                    try {
                        byte[] bytes = ImageDecoder.readBytes(file);
                        samples.add(ImageSample.unlabelled(file, DatasetScanner.sha256(bytes), bytes.length));
                    } catch (CatdogException e) {
                        results.failed(file, e.getMessage());
                    }
                }
                final int done = from;
                FeatureSet features = extractor.extract(backbone, cache, samples, token,
                        (d, t, eta) -> progress.onProgress(done + d, files.size(), Double.NaN));
                float[][] p = head.probabilities(features.features());
                for (int i = 0; i < features.size(); i++) {
                    results.predicted(features.samples().get(i).path(),
                            prediction(features.samples().get(i).path().toString(), features.features().get(i), p[i]));
                }
                features.skipped().forEach(s -> results.failed(s.path(), s.reason()));
                progress.onProgress(Math.min(files.size(), from + chunk), files.size(), Double.NaN);
            }
            return null;
        });
    }

    /**
     * Explains a prediction: which parts of the image the answer depends on (occlusion sensitivity).
     * About 50 backbone passes, so it runs on demand, not with every prediction.
     *
     * @param bytes the encoded image
     * @return the saliency of the predicted class
     */
    public CompletableFuture<Saliency> explain(byte[] bytes) {
        return submitQuick(() -> {
            requireModel();
            return OcclusionSaliency.compute(backbone, head, ImageDecoder.decode(bytes), 8);
        });
    }

    /**
     * Exports backbone and head together as one ONNX model with its preprocessing beside it.
     *
     * @param dir the folder to write
     * @return the folder
     */
    public CompletableFuture<Path> exportOnnx(Path dir) {
        return submitQuick(() -> {
            requireModel();
            BackboneInfo info = backbone.info();
            if (!"onnx".equals(info.kind())) {
                throw new CatdogException("Export to ONNX needs a model trained on an ONNX backbone; this one uses "
                        + info.name() + " (" + info.kind() + "). Combining a TorchScript backbone with the head needs "
                        + "PyTorch's own tools, which CatDog Studio does not ship.");
            }
            return OnnxExporter.export(Path.of(info.source()), head, backbone.preprocessing(), dir);
        });
    }

    /**
     * Saves the current model atomically.
     *
     * @param dir the model folder
     * @return the folder
     */
    public CompletableFuture<Path> save(Path dir) {
        return submitQuick(() -> {
            requireModel();
            manifest = ModelStore.save(dir, head, manifest);
            summary = new ModelSummary(head.classes(), backbone.info(), dir.toAbsolutePath(), summary.testAccuracy());
            return dir.toAbsolutePath();
        });
    }

    /**
     * Loads a saved model and the backbone it needs.
     *
     * @param dir the model folder
     * @param backboneOverride a backbone to use instead of the one recorded (it must be the same
     *     model, checked by checksum), or null
     * @return the model's manifest
     */
    public CompletableFuture<ModelManifest> loadModel(Path dir, BackboneSpec backboneOverride) {
        return submit(ServiceState.LOADING, "Loading model " + dir, token -> {
            ModelManifest m = ModelStore.readManifest(dir);
            BackboneSpec spec = backboneOverride != null ? backboneOverride : specFromManifest(m);
            Backbone b = ensureBackbone(spec, null);
            ModelStore.checkBackbone(m, b.info());
            Preprocessing expected = new Preprocessing(m.preprocessing().resize(), m.preprocessing().crop(),
                    m.preprocessing().mean(), m.preprocessing().std());
            if (!expected.equals(b.preprocessing())) {
                throw new CatdogException("The model was trained with preprocessing " + expected.id()
                        + " but the backbone uses " + b.preprocessing().id() + ".");
            }
            TrainedHead loaded = ModelStore.loadHead(dir, m, engines.pytorchDevice());
            replaceHead(loaded, m, dir.toAbsolutePath());
            return m;
        });
    }

    /** @return the device work runs on, in words */
    public String deviceDescription() {
        return backbone == null ? engines.describeDevice() : deviceDescription(backbone);
    }

    private String deviceDescription(Backbone b) {
        String d = b.info().device();
        return d.startsWith("gpu") ? "GPU (" + b.info().engine() + ")" : "CPU (" + b.info().engine() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    // ---- worker-thread internals ----

    private Prediction predictBytes(byte[] bytes, String source) {
        requireModel();
        String sha = DatasetScanner.sha256(bytes);
        float[] f = cache == null ? null : cache.get(sha);
        if (f == null) {
            float[] pixels = ImagePreprocessor.toTensor(ImageDecoder.decode(bytes), backbone.preprocessing());
            f = backbone.extract(pixels, 1)[0];
        }
        return prediction(source, f, head.probabilities(List.of(f))[0]);
    }

    private Prediction prediction(String source, float[] features, float[] probabilities) {
        NoveltyDetector novelty = head.novelty();
        return novelty == null ? new Prediction(source, head.classes(), probabilities)
                : new Prediction(source, head.classes(), probabilities, novelty.score(features), novelty.threshold());
    }

    private static EvaluationReport evaluate(TrainedHead h, FeatureSet test) {
        return Evaluator.evaluate(h.classes(), test.samples().stream().map(ImageSample::path).toList(), test.labels(),
                h.logits(test.features()), h.temperature());
    }

    private static FeatureSet subset(FeatureSet all, Split split) {
        List<ImageSample> samples = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.samples().get(i).split() == split) {
                samples.add(all.samples().get(i));
                features.add(all.features().get(i));
            }
        }
        return new FeatureSet(samples, features, List.of(), 0, 0, 0);
    }

    private Backbone ensureBackbone(BackboneSpec spec, java.util.function.Consumer<Double> download) {
        if (backbone != null && spec.equals(backboneSpec)) {
            return backbone;
        }
        Backbone opened = backbones.open(spec, download);
        String key = opened.info().identity() + "|" + opened.preprocessing().id();
        FeatureCache newCache;
        try {
            newCache = FeatureCache.open(paths.featureCacheDir(), key, opened.info().featureDim());
        } catch (IOException e) {
            log.warn("feature cache unavailable; features will be recomputed", e);
            newCache = null;
        }
        closeBackbone();
        backbone = opened;
        backboneSpec = spec;
        cache = newCache;
        log.info("backbone {} ({} features) on {}", opened.info().name(), opened.info().featureDim(), opened.info().device());
        return opened;
    }

    private void closeBackbone() {
        if (cache != null) {
            try {
                cache.close();
            } catch (IOException e) {
                log.warn("closing feature cache failed", e);
            }
            cache = null;
        }
        if (backbone != null) {
            backbone.close();
            backbone = null;
            backboneSpec = null;
        }
    }

    private void replaceHead(TrainedHead newHead, ModelManifest newManifest, Path savedAt) {
        if (head != null && head != newHead) {
            head.close();
        }
        head = newHead;
        manifest = newManifest;
        Double acc = newManifest.metrics() == null ? null : newManifest.metrics().testAccuracy();
        summary = new ModelSummary(newHead.classes(), backbone.info(), savedAt, acc == null ? Double.NaN : acc);
    }

    private void requireModel() {
        if (head == null || backbone == null) {
            throw new CatdogException("No model is loaded yet: train one or open a saved model first.");
        }
    }

    private static String backboneIdentityOf(ModelManifest m) {
        ModelManifest.Backbone b = m.backbone();
        return new BackboneInfo(b.kind(), b.name(), b.source(), b.sha256(), b.featureDim(), b.featureLayer(), "", "").identity();
    }

    /** @return the current model's manifest (unsaved changes included), if any */
    public Optional<ModelManifest> currentManifest() {
        return Optional.ofNullable(manifest);
    }

    private static BackboneSpec specFromManifest(ModelManifest m) {
        return switch (m.backbone().kind()) {
            case "resnet50" -> BackboneSpec.resnet50();
            case "tiny" -> BackboneSpec.tiny();
            case "onnx", "torchscript" -> {
                Path file = Path.of(m.backbone().source());
                if (!java.nio.file.Files.isRegularFile(file)) {
                    throw new CatdogException("This model needs the backbone file " + file + ", which is not there. "
                            + "Pass the same file with --backbone (it is checked by its checksum).");
                }
                yield new BackboneSpec("onnx".equals(m.backbone().kind()) ? BackboneSpec.Kind.ONNX_FILE
                        : BackboneSpec.Kind.TORCHSCRIPT_FILE, file);
            }
            default -> throw new CatdogException("The model needs an unknown kind of backbone '" + m.backbone().kind() + "'.");
        };
    }

    private static ModelManifest buildManifest(Dataset dataset, Backbone b, TrainingSettings s, TrainedHead h,
                                               int trainImages, EvaluationReport report) {
        BackboneInfo info = b.info();
        Preprocessing p = b.preprocessing();
        List<Map<String, Double>> history = new ArrayList<>();
        for (EpochMetrics e : h.history()) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("epoch", (double) e.epoch());
            row.put("trainLoss", e.trainLoss());
            row.put("trainAccuracy", e.trainAccuracy());
            row.put("validationLoss", Double.isNaN(e.validationLoss()) ? null : e.validationLoss());
            row.put("validationAccuracy", Double.isNaN(e.validationAccuracy()) ? null : e.validationAccuracy());
            history.add(row);
        }
        ModelManifest.Metrics metrics = null;
        if (report != null) {
            Map<String, Double> f1 = new LinkedHashMap<>();
            report.perClass().forEach(c -> f1.put(c.className(), c.f1()));
            metrics = new ModelManifest.Metrics(report.images(), report.accuracy(),
                    Double.isNaN(report.rocAuc()) ? null : report.rocAuc(), f1,
                    report.calibration() == null ? null : report.calibration().eceBefore(),
                    report.calibration() == null ? null : report.calibration().eceAfter());
        }
        return new ModelManifest(ModelManifest.FORMAT_VERSION, APP, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                h.classes(),
                new ModelManifest.Backbone(info.kind(), info.name(), info.source(), info.sha256(), info.featureDim(), info.featureLayer()),
                new ModelManifest.Preprocessing(p.resize(), p.crop(), p.mean(), p.std()),
                new ModelManifest.Head(h.hiddenUnits(), null, null, h.featureMean(), h.featureStd(), h.temperature()),
                new ModelManifest.Training(s.epochs(), s.batchSize(), s.learningRate(), s.optimizer().name(), s.seed(),
                        s.validationFraction(), s.weightDecay(), dataset.root().toAbsolutePath().toString(), trainImages, history),
                metrics, null, List.of());
    }

    // ---- job plumbing ----

    /** A job that receives the cancellation token of its run. */
    @FunctionalInterface
    private interface Job<T> {
        T run(CancellationToken token) throws Exception;
    }

    private <T> CompletableFuture<T> submit(ServiceState busy, String message, Job<T> job) {
        CompletableFuture<T> future = new CompletableFuture<>();
        worker.execute(() -> {
            CancellationToken token = new CancellationToken();
            cancel = token;
            setState(busy, message);
            try {
                T result = job.run(token);
                settle(null);
                future.complete(result);
            } catch (CancelledException e) {
                settle("Cancelled");
                future.completeExceptionally(e);
            } catch (CatdogException e) {
                log.info("{} failed: {}", message, e.getMessage(), e);
                setState(ServiceState.FAILED, e.getMessage());
                future.completeExceptionally(e);
            } catch (Throwable e) {
                log.error("{} failed", message, e);
                setState(ServiceState.FAILED, "Unexpected error: " + e);
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /** Short jobs (predict, save) do not announce a busy state, so the UI does not flicker. */
    private <T> CompletableFuture<T> submitQuick(Callable<T> job) {
        CompletableFuture<T> future = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                future.complete(job.call());
            } catch (CatdogException e) {
                future.completeExceptionally(e);
            } catch (Throwable e) {
                log.error("job failed", e);
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private void settle(String message) {
        setState(head != null ? ServiceState.READY : ServiceState.IDLE,
                message != null ? message : head != null ? "Model ready" : "");
    }

    private void setState(ServiceState newState, String message) {
        state = newState;
        stateMessage = message == null ? "" : message;
        for (ServiceListener l : listeners) {
            try {
                l.onStateChanged(newState, stateMessage);
            } catch (RuntimeException e) {
                log.warn("state listener failed", e);
            }
        }
    }

    /** Stops the worker and frees every native resource. */
    @Override
    public void close() {
        cancel.cancel();
        try {
            worker.submit(() -> {
                if (head != null) {
                    head.close();
                    head = null;
                }
                closeBackbone();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("model service did not shut down cleanly", e);
        }
        worker.shutdownNow();
    }
}
