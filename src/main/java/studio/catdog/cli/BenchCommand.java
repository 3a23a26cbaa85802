package studio.catdog.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.AppPaths;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FileTrees;
import studio.catdog.core.JsonLines;
import studio.catdog.core.ProcessMemory;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.NativeMemoryTuning;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureCache;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImagePreprocessor;
import studio.catdog.core.image.Preprocessing;

/**
 * {@code catdog bench}: the main workload measured end to end on real JPEGs, through the product's own
 * code path (backbone factory, feature extractor with its decode pipeline, feature cache).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure feature extraction end to end (decode, preprocess, forward, features stored), "
                + "the forward pass alone, a single interactive prediction and peak memory.")
final class BenchCommand implements Callable<Integer> {

    /** The name of the random-weight ResNet50 used to measure offline. */
    static final String RESNET50_RANDOM = "resnet50-random";
    /** The same ResNet50 quantized to int8 as the ONNX Model Zoo's int8 file is (QLinearConv, static). */
    static final String RESNET50_RANDOM_INT8 = "resnet50-random-int8";

    static final String MAKE_MODEL_SCRIPT = "bench/python/make_resnet50_random.py";
    static final String MAKE_INT8_SCRIPT = "bench/python/make_resnet50_int8.py";
    /** The folder under the app's cache where the bench scripts write their models (bench/python/bench_paths.py). */
    static final String MODEL_FOLDER = "bench-models";

    @Option(
            names = "--images",
            paramLabel = "N",
            description = "Images to extract features from (default: ${DEFAULT-VALUE}).")
    int images = 512;

    @Option(
            names = "--backbone",
            paramLabel = "resnet50-random|resnet50-random-int8|FILE",
            defaultValue = RESNET50_RANDOM,
            description = "resnet50-random (ResNet50 architecture, random weights: $CATDOG_BENCH_MODEL or "
                    + "resnet50-random.onnx / .pt in the models folder), resnet50-random-int8 (the same quantized to "
                    + "int8: $CATDOG_BENCH_MODEL_INT8 or resnet50-random-int8.onnx there), "
                    + "resnet50 (model zoo), or a .onnx / .pt file.")
    String backbone;

    @Option(
            names = "--models",
            paramLabel = "DIR",
            description = "The folder of the random-weight models (default: bench-models in this user's CatDog "
                    + "Studio cache folder, where bench/python writes them; never a shared temporary folder).")
    Path models;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Image folder with class sub-folders (default: ../shared/data/cats-and-dogs/training_set).")
    Path data;

    @CommandLine.Mixin
    DeviceOptions deviceOptions;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line of stdout.")
    boolean json;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Override the backbone's batch size (for experiments).")
    int batchSize = 0;

    @Option(
            names = "--decode-threads",
            paramLabel = "N",
            description = "Override the number of decode threads (for experiments).")
    int decodeThreads = 0;

    @Option(
            names = "--pipeline",
            paramLabel = "phased|overlapped",
            description = "Override how decoding is scheduled against the backbone (for experiments).")
    String pipeline;

    @Option(
            names = "--single",
            paramLabel = "N",
            description = "Timed single-image predictions (default: ${DEFAULT-VALUE}).")
    int single = 20;

    @Override
    public Integer call() throws IOException {
        if (images < 1) {
            throw new CatdogException("--images must be at least 1");
        }
        BackboneSpec spec = resolveBackbone(backbone, models != null ? models : defaultModelDir());
        Path dataDir = data != null ? data : defaultDataDir();
        List<Path> files = listImages(dataDir, images + single + 3);
        if (files.size() < images) {
            throw new CatdogException("Only " + files.size() + " images in " + dataDir + "; asked for " + images + ".");
        }
        ConsoleProgress progress = ConsoleProgress.stderr();
        deviceOptions.apply(progress);
        Engines engines = new Engines();
        long loadStart = System.nanoTime();
        Path tmp = Files.createTempDirectory("catdog-bench");
        try (Backbone opened = new BackboneFactory(engines)
                .withTorchScriptTrust(deviceOptions.trust())
                .open(spec, null)) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            TimedBackbone timed = new TimedBackbone(opened);
            BackboneInfo info = opened.info();
            progress.message(String.format(
                    Locale.ROOT,
                    "Backbone %s (%s on %s, %d features) loaded in %.1fs; " + "allocator tuning %s",
                    info.name(),
                    info.engine(),
                    info.device(),
                    info.featureDim(),
                    loadSeconds,
                    NativeMemoryTuning.apply() ? "on" : "off"));
            FeatureExtractor extractor = new FeatureExtractor(
                    batchSize,
                    decodeThreads,
                    pipeline == null ? FeatureExtractor.defaultPipeline() : FeatureExtractor.Pipeline.parse(pipeline));

            // End to end: read, hash, decode, preprocess, forward, store; the product's own path.
            long start = System.nanoTime();
            List<ImageSample> samples = readAndHash(files.subList(0, images));
            double hashSeconds = (System.nanoTime() - start) / 1e9;
            FeatureSet set;
            try (FeatureCache cache = FeatureCache.open(
                    tmp, info.identity() + "|" + opened.preprocessing().id(), info.featureDim())) {
                set = extractor.extract(
                        timed,
                        cache,
                        samples,
                        new CancellationToken(),
                        (done, total, eta) -> progress.update("Extracting features", done, total, eta));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int computed = set.computed();
            double endToEnd = computed / seconds;
            double forwardInPipeline = timed.images / (timed.nanos / 1e9);
            // Where the end-to-end time went: reading and hashing the files first, the backbone's calls,
            // and the rest (waiting for decodes, storing features, the pipeline's own work).
            double forwardSeconds = timed.nanos / 1e9;
            double otherSeconds = Math.max(0, seconds - hashSeconds - forwardSeconds);
            progress.message(String.format(
                    Locale.ROOT,
                    "End to end: %d images in %.2fs = %.1f images/s "
                            + "(batch %d, %d decode threads, %s; forward inside the pipeline %.1f images/s)",
                    computed,
                    seconds,
                    endToEnd,
                    extractor.batchSizeFor(opened),
                    extractor.decodeThreads(),
                    extractor.pipeline().name().toLowerCase(Locale.ROOT),
                    forwardInPipeline));

            // The forward pass alone: preprocessed batches, nothing else running.
            double forward =
                    forwardOnly(opened, files.subList(0, Math.min(files.size(), 64)), extractor.batchSizeFor(opened));
            progress.message(String.format(
                    Locale.ROOT,
                    "  of which: read + hash %.2fs, backbone %.2fs, " + "decode waits and the rest %.2fs",
                    hashSeconds,
                    forwardSeconds,
                    otherSeconds));
            progress.message(String.format(Locale.ROOT, "Forward pass alone: %.1f images/s", forward));

            // Decoding alone, on one thread: what the decode thread costs per image (the profile of the
            // end-to-end figure is this against the forward pass).
            double decode = decodeOnly(opened.preprocessing(), files.subList(0, Math.min(files.size(), 64)));
            progress.message(
                    String.format(Locale.ROOT, "Read + decode + preprocess alone (one thread): %.1f images/s", decode));

            // One interactive prediction: read, decode, preprocess, forward a single image.
            List<Path> singles = files.size() > images ? files.subList(images, files.size()) : files;
            double singleMs = singleImageMs(opened, singles, single);
            progress.message(String.format(Locale.ROOT, "Single image (median of %d): %.1f ms", single, singleMs));

            long rssMb = ProcessMemory.peakRssMb();
            progress.message("Peak RSS: " + rssMb + " MB");

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("imagesPerSecond", round(endToEnd));
            out.put("forwardImagesPerSecond", round(forward));
            out.put("forwardInPipelineImagesPerSecond", round(forwardInPipeline));
            out.put("decodeImagesPerSecond", round(decode));
            out.put("singleImageMs", round(singleMs));
            out.put("peakRssMb", rssMb < 0 ? null : rssMb);
            out.put("images", computed);
            out.put("skipped", set.skipped().size());
            out.put("seconds", round(seconds));
            out.put("hashSeconds", round(hashSeconds));
            out.put("forwardSeconds", round(forwardSeconds));
            out.put("otherSeconds", round(otherSeconds));
            out.put("batchSize", extractor.batchSizeFor(opened));
            out.put("decodeThreads", extractor.decodeThreads());
            out.put("pipeline", extractor.pipeline().name().toLowerCase(Locale.ROOT));
            out.put("backbone", info.name());
            out.put("engine", info.engine());
            out.put("device", info.device());
            out.put("featureDim", info.featureDim());
            out.put("cores", Runtime.getRuntime().availableProcessors());
            out.put("allocatorTuning", NativeMemoryTuning.apply());
            out.put("data", dataDir.toString());
            if (json) {
                System.out.println(JsonLines.write(out));
            } else {
                out.forEach((k, v) -> System.out.println(k + ": " + v));
            }
            return 0;
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    /**
     * Reads and hashes the files on one thread per core, as the data set scanner does before the
     * product extracts features (the hash is the feature cache's key).
     */
    static List<ImageSample> readAndHash(List<Path> files) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "catdog-bench-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ImageSample>> futures = new ArrayList<>(files.size());
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    byte[] bytes = ImageDecoder.readBytes(f);
                    return new ImageSample(f, 0, Split.TRAIN, DatasetScanner.sha256(bytes), bytes.length);
                }));
            }
            List<ImageSample> samples = new ArrayList<>(files.size());
            for (Future<ImageSample> f : futures) {
                samples.add(f.get());
            }
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatdogException("Interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs whole batches of already preprocessed images through the backbone, after one warm-up batch. */
    static double forwardOnly(Backbone b, List<Path> files, int batch) {
        Preprocessing p = b.preprocessing();
        int tensor = p.tensorSize();
        float[] pixels = new float[batch * tensor];
        for (int i = 0; i < batch; i++) {
            float[] t = ImagePreprocessor.toTensor(ImageDecoder.decode(files.get(i % files.size())), p);
            System.arraycopy(t, 0, pixels, i * tensor, tensor);
        }
        b.extract(pixels, batch);
        int rounds = Math.max(2, (int) Math.ceil(128.0 / batch));
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            b.extract(pixels, batch);
        }
        return rounds * batch / ((System.nanoTime() - start) / 1e9);
    }

    /** Reads, decodes and preprocesses images on this thread alone, after one warm-up pass over 8 of them. */
    static double decodeOnly(Preprocessing p, List<Path> files) {
        for (int i = 0; i < Math.min(8, files.size()); i++) {
            ImagePreprocessor.toTensor(ImageDecoder.decode(ImageDecoder.readBytes(files.get(i))), p);
        }
        long start = System.nanoTime();
        for (Path f : files) {
            ImagePreprocessor.toTensor(ImageDecoder.decode(ImageDecoder.readBytes(f)), p);
        }
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Median time of a single-image prediction (read, decode, preprocess, forward), after 3 warm-ups. */
    static double singleImageMs(Backbone b, List<Path> files, int count) {
        double[] ms = new double[Math.max(1, count)];
        for (int i = -3; i < ms.length; i++) {
            Path f = files.get(Math.floorMod(i, files.size()));
            long t0 = System.nanoTime();
            float[] pixels =
                    ImagePreprocessor.toTensor(ImageDecoder.decode(ImageDecoder.readBytes(f)), b.preprocessing());
            b.extract(pixels, 1);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    /**
     * Resolves the bench backbone: {@code resnet50-random} and {@code resnet50-random-int8} are model
     * files made by the bench scripts; anything else is a backbone as the other commands take it.
     *
     * @param text the option
     * @param modelDir the folder of the random-weight models
     * @return the spec
     */
    static BackboneSpec resolveBackbone(String text, Path modelDir) {
        return resolveBackbone(
                text, modelDir, System.getenv("CATDOG_BENCH_MODEL"), System.getenv("CATDOG_BENCH_MODEL_INT8"));
    }

    /**
     * Where the bench scripts write their models by default: a folder of this user's (another local user
     * could plant a TorchScript file in a shared temporary folder, and loading one runs its code).
     *
     * @return {@code <cache folder>/bench-models}
     */
    static Path defaultModelDir() {
        return AppPaths.forCurrentUser().cacheDir().resolve(MODEL_FOLDER);
    }

    /**
     * Resolves the bench backbone against a model folder and the environment's overrides.
     *
     * @param text the option
     * @param modelDir where the bench scripts wrote their models
     * @param fp32Override a model file for {@code resnet50-random}, or null
     * @param int8Override a model file for {@code resnet50-random-int8}, or null
     * @return the spec
     */
    static BackboneSpec resolveBackbone(String text, Path modelDir, String fp32Override, String int8Override) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        boolean int8 = RESNET50_RANDOM_INT8.equals(name);
        if (!int8 && !RESNET50_RANDOM.equals(name)) {
            return BackboneSpec.parse(text);
        }
        List<Path> candidates = new ArrayList<>();
        String override = int8 ? int8Override : fp32Override;
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        if (int8) {
            // Only ONNX: the int8 graph is ONNX Runtime's QLinear operators, which TorchScript has no file for.
            candidates.add(modelDir.resolve("resnet50-random-int8.onnx"));
        } else {
            candidates.add(modelDir.resolve("resnet50-random.onnx"));
            candidates.add(modelDir.resolve("resnet50-random.pt"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return BackboneSpec.parse(c.toString());
            }
        }
        String how = int8
                ? "'/usr/bin/python3 " + MAKE_MODEL_SCRIPT + " && /usr/bin/python3 " + MAKE_INT8_SCRIPT
                        + "' (needs Debian's python3-torch, python3-torchvision and python3-onnx), or point "
                        + "CATDOG_BENCH_MODEL_INT8 at an int8 .onnx file."
                : "'/usr/bin/python3 " + MAKE_MODEL_SCRIPT + "' (needs Python with torch), or point "
                        + "CATDOG_BENCH_MODEL at a .onnx or .pt file.";
        throw new CatdogException("No random-weight ResNet50" + (int8 ? " int8" : "") + " found (looked at "
                + candidates + "). Make it with " + how);
    }

    /** ../shared/data/cats-and-dogs/training_set, relative to the working folder, then to the jar. */
    static Path defaultDataDir() {
        List<Path> bases = new ArrayList<>();
        bases.add(Path.of("").toAbsolutePath());
        try {
            Path jar = Path.of(BenchCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                bases.add(p);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: only the working folder
        }
        for (Path base : bases) {
            Path candidate =
                    base.resolve("../shared/data/cats-and-dogs/training_set").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new CatdogException("No images found at ../shared/data/cats-and-dogs/training_set (relative to "
                + "the working folder or the jar); give --data DIR.");
    }

    /** Image files in class sub-folders (or the folder itself), classes and files in name order. */
    static List<Path> listImages(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new CatdogException("Not a folder: " + dir);
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(folders::add);
        }
        if (folders.isEmpty()) {
            folders.add(dir);
        }
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .matches(".*\\.(jpe?g|png)$"))
                        .sorted(Comparator.comparing(Path::toString))
                        .forEach(files::add);
            }
            if (files.size() >= limit) {
                break;
            }
        }
        return files.size() > limit ? files.subList(0, limit) : files;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Counts the time spent inside the backbone. */
    private static final class TimedBackbone implements Backbone {
        private final Backbone inner;
        long nanos;
        long images;

        TimedBackbone(Backbone inner) {
            this.inner = inner;
        }

        @Override
        public BackboneInfo info() {
            return inner.info();
        }

        @Override
        public Preprocessing preprocessing() {
            return inner.preprocessing();
        }

        @Override
        public int preferredBatchSize() {
            return inner.preferredBatchSize();
        }

        @Override
        public float[][] extract(float[] pixels, int count) {
            long t0 = System.nanoTime();
            float[][] out = inner.extract(pixels, count);
            nanos += System.nanoTime() - t0;
            images += count;
            return out;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
