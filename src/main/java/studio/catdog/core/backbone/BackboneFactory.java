package studio.catdog.core.backbone;

import ai.djl.Application;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.image.Preprocessing;

/**
 * Opens the backbone a {@link BackboneSpec} names, on the device {@link Engines} chose.
 */
public final class BackboneFactory {

    private static final Logger log = LoggerFactory.getLogger(BackboneFactory.class);

    /** The model-zoo location of ImageNet ResNet50 for PyTorch. */
    public static final String RESNET50_ZOO_URL = "djl://ai.djl.pytorch/resnet";

    /** Preprocessing of the tiny backbone: 32 x 32 pixels, simple normalisation. */
    static final Preprocessing TINY_PREPROCESSING = new Preprocessing(32, 32,
            new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    private final Engines engines;
    private final String zooUrl;

    /**
     * Creates a factory.
     *
     * @param engines the engine set-up (device choice)
     */
    public BackboneFactory(Engines engines) {
        this(engines, RESNET50_ZOO_URL);
    }

    /**
     * Creates a factory with another model-zoo location for ResNet50 (tests point it at a local
     * model folder to run the zoo code path offline).
     *
     * @param engines the engine set-up
     * @param zooUrl the criteria URL of ResNet50
     */
    public BackboneFactory(Engines engines, String zooUrl) {
        this.engines = engines;
        this.zooUrl = zooUrl;
    }

    /**
     * Loads a backbone with the default feature layer ({@link FeatureLayer#DEFAULT}).
     *
     * @param spec what to load
     * @param download receives download progress (fraction 0..1) of the model zoo; may be null
     * @return the backbone, ready to run
     * @throws CatdogException when the model cannot be loaded, with the reason and the other choices
     */
    public Backbone open(BackboneSpec spec, Consumer<Double> download) {
        return open(spec, FeatureLayer.DEFAULT, download);
    }

    /**
     * Loads a backbone.
     *
     * @param spec what to load
     * @param layer the activations to use as features; ONNX backbones give either (pooled where the
     *     graph has a pooling node), the others their fixed output ({@link BackboneInfo#featureLayer()}
     *     says which was used)
     * @param download receives download progress (fraction 0..1) of the model zoo; may be null
     * @return the backbone, ready to run
     * @throws CatdogException when the model cannot be loaded, with the reason and the other choices
     */
    public Backbone open(BackboneSpec spec, FeatureLayer layer, Consumer<Double> download) {
        return switch (spec.kind()) {
            case TINY -> openTiny();
            case ONNX_FILE -> openOnnx(spec.file(), layer, OrtTuning.fromSystemProperties());
            case BUILTIN -> openBuiltin(layer);
            case TORCHSCRIPT_FILE -> openFile(spec.file(), "PyTorch", "torchscript");
            case RESNET50 -> openResNet50(download);
        };
    }

    private Backbone openTiny() {
        engines.pytorch();
        Device device = engines.pytorchDevice();
        Model model = Model.newInstance("tiny-backbone", device, "PyTorch");
        // 32x32 input -> average 8x8 patches -> 3 x 4 x 4 = 48 colour/layout features. No weights,
        // so it is deterministic and needs no download.
        SequentialBlock block = new SequentialBlock()
                .add(Pool.avgPool2dBlock(new Shape(8, 8), new Shape(8, 8)))
                .add(Blocks.batchFlattenBlock());
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
        model.setBlock(block);
        String sha = sha256Hex("tiny-backbone-v1:avgpool8x8-flatten:" + TINY_PREPROCESSING.id());
        return new DjlBackbone(model, TINY_PREPROCESSING,
                new BackboneInfo("tiny", "Tiny test backbone", "in-code", sha, 0, "pooled", "PyTorch",
                        device.toString()));
    }

    /**
     * Opens an ONNX model file with the given session settings (tests compare the tuned settings with
     * {@link OrtTuning#plain()}).
     *
     * @param file the model
     * @param layer the feature layer asked for
     * @param tuning the session settings
     * @return the backbone
     */
    Backbone openOnnx(Path file, FeatureLayer layer, OrtTuning tuning) {
        // Start PyTorch first, with its plan and native tuning: DJL may start it as ONNX Runtime's
        // helper engine, and the head is trained with it anyway.
        engines.pytorch();
        return OnnxBackbones.openFile(file, layer, tuning);
    }

    private Backbone openBuiltin(FeatureLayer layer) {
        engines.pytorch();
        return OnnxBackbones.openBuiltin(layer, OrtTuning.fromSystemProperties());
    }

    private Backbone openFile(Path file, String engine, String kind) {
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("The backbone file " + file + " does not exist.");
        }
        String sha = sha256(file);
        Device device = "PyTorch".equals(engine) ? engines.pytorchDevice() : Device.cpu();
        if ("PyTorch".equals(engine)) {
            engines.pytorch();
        }
        Criteria<FeatureTranslator.Batch, float[][]> criteria = Criteria.builder()
                .setTypes(FeatureTranslator.Batch.class, float[][].class)
                .optModelPath(file.toAbsolutePath())
                .optEngine(engine)
                .optDevice(device)
                .optTranslator(new FeatureTranslator())
                .build();
        try {
            ZooModel<FeatureTranslator.Batch, float[][]> model = criteria.loadModel();
            try {
                return new DjlBackbone(model, Preprocessing.IMAGENET, new BackboneInfo(kind,
                        file.getFileName().toString(), file.toAbsolutePath().toString(), sha, 0,
                        FeatureLayer.LOGITS.id(), engine, device.toString()));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            if (e instanceof CatdogException ce) {
                throw new CatdogException("The file " + file.getFileName() + " is not a usable "
                        + kind + " image model: " + ce.getMessage(), e);
            }
            throw new CatdogException("The file " + file.getFileName() + " is not a usable " + kind
                    + " model (" + firstLine(e) + "). Choose " + BackboneSpec.CHOICES + ".", e);
        }
    }

    private Backbone openResNet50(Consumer<Double> download) {
        engines.pytorch();
        Device device = engines.pytorchDevice();
        Criteria<FeatureTranslator.Batch, float[][]> criteria = Criteria.builder()
                .setTypes(FeatureTranslator.Batch.class, float[][].class)
                .optApplication(Application.CV.IMAGE_CLASSIFICATION)
                .optModelUrls(zooUrl)
                .optFilter("layers", "50")
                .optFilter("dataset", "imagenet")
                .optEngine("PyTorch")
                .optDevice(device)
                .optTranslator(new FeatureTranslator())
                .optProgress(download == null ? null : new DownloadProgress(download))
                .build();
        try {
            ZooModel<FeatureTranslator.Batch, float[][]> model = criteria.loadModel();
            Path modelFile = findModelFile(model.getModelPath());
            String sha = modelFile == null ? sha256Hex(zooUrl + ":layers=50:imagenet") : sha256(modelFile);
            try {
                return new DjlBackbone(model, Preprocessing.IMAGENET, new BackboneInfo("resnet50",
                        "ResNet50 (ImageNet)", zooUrl, sha, 0, FeatureLayer.LOGITS.id(), "PyTorch", device.toString()));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            boolean offline = Engines.isOffline();
            log.warn("ResNet50 could not be loaded from {}", zooUrl, e);
            throw new CatdogException("ResNet50 is not in the local cache and could not be downloaded"
                    + (offline ? " (offline mode)" : " (" + firstLine(e) + ")")
                    + ". Connect to the internet once to download it (about 100 MB), or choose a local "
                    + "model file instead: an ONNX model (.onnx) or a TorchScript model (.pt). "
                    + "The built-in backbone works now, with no download: choose 'builtin' (MobileNetV2, built in, works offline).", e);
        }
    }

    private static Path findModelFile(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return dir != null && Files.isRegularFile(dir) ? dir : null;
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pt")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Hex SHA-256 of a file, streamed.
     *
     * @param file the file
     * @return 64 hex digits
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading is the work
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hex SHA-256 of bytes in memory.
     *
     * @param bytes the bytes
     * @return 64 hex digits
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String sha256Hex(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl > 0 ? m.substring(0, nl) : m).toLowerCase(Locale.ROOT).contains("exception")
                ? t.getClass().getSimpleName() + ": " + m.split("\n")[0] : m.split("\n")[0];
    }

    /** Adapts DJL's download progress to a fraction callback. */
    private static final class DownloadProgress implements Progress {
        private final Consumer<Double> sink;
        private long max = 1;
        private long progress;

        DownloadProgress(Consumer<Double> sink) {
            this.sink = sink;
        }

        @Override
        public void reset(String message, long max, String trailingMessage) {
            this.max = Math.max(1, max);
            this.progress = 0;
            sink.accept(0.0);
        }

        @Override
        public void start(long initialProgress) {
            update(initialProgress);
        }

        @Override
        public void end() {
            sink.accept(1.0);
        }

        @Override
        public void increment(long increment) {
            update(progress + increment);
        }

        @Override
        public void update(long progress, String message) {
            this.progress = progress;
            sink.accept(Math.min(1.0, (double) progress / max));
        }
    }
}
