package studio.catdog.core.backbone;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AppPaths;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.TransferListener;
import studio.catdog.core.image.Preprocessing;

/**
 * Opens the backbone a {@link BackboneSpec} names, on the device {@link Engines} chose; pinned
 * backbones come from the {@link BackboneStore}, downloaded and verified first. A TorchScript file other
 * than the pinned one is opened only when its {@link TorchScriptTrust} allows it (by default none is).
 */
public final class BackboneFactory {

    private static final Logger log = LoggerFactory.getLogger(BackboneFactory.class);

    /** Preprocessing of the tiny backbone: 32 x 32 pixels, simple normalisation. */
    static final Preprocessing TINY_PREPROCESSING =
            new Preprocessing(32, 32, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    private final Engines engines;
    private final BackboneStore store;
    /** ONNX Runtime threads per call; 0 keeps {@link OrtTuning#fromSystemProperties()}'s. */
    private final int ortThreads;
    /** Who decides whether a TorchScript file from elsewhere is opened. */
    private final TorchScriptTrust trust;

    /**
     * Creates a factory whose pinned backbones live in this user's cache.
     *
     * @param engines the engine set-up (device choice)
     */
    public BackboneFactory(Engines engines) {
        this(engines, BackboneStore.forUser(AppPaths.forCurrentUser()));
    }

    /**
     * Creates a factory with its own store of pinned backbones (tests use a loopback server's).
     *
     * @param engines the engine set-up
     * @param store downloads, verifies and holds the pinned backbone files
     */
    public BackboneFactory(Engines engines, BackboneStore store) {
        this(engines, store, 0, TorchScriptTrust.REFUSE);
    }

    private BackboneFactory(Engines engines, BackboneStore store, int ortThreads, TorchScriptTrust trust) {
        this.engines = engines;
        this.store = store;
        this.ortThreads = ortThreads;
        this.trust = trust;
    }

    /**
     * The same factory, asking this policy before it opens a TorchScript file (without one, every
     * TorchScript file but the pinned ResNet50 is refused).
     *
     * @param trust the user's consent: the app's question, the command line's flag
     * @return the factory
     */
    public BackboneFactory withTorchScriptTrust(TorchScriptTrust trust) {
        return new BackboneFactory(engines, store, ortThreads, trust);
    }

    /**
     * The same factory, opening ONNX backbones with this many threads per call: a Spark task gets
     * as many native threads as it has cores, while tasks running beside it share the backbone.
     *
     * @param threads ONNX Runtime intra-op threads per call, at least 1
     * @return the factory
     */
    public BackboneFactory withOrtThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        return new BackboneFactory(engines, store, threads, trust);
    }

    private OrtTuning tuning() {
        OrtTuning t = OrtTuning.fromSystemProperties();
        return ortThreads == 0
                ? t
                : new OrtTuning(
                        ortThreads,
                        t.optLevel(),
                        t.spinning(),
                        t.batchSize(),
                        t.memoryPattern(),
                        t.cpuArena(),
                        t.config());
    }

    /** @return the store of pinned backbone files */
    public BackboneStore store() {
        return store;
    }

    /**
     * Loads a backbone with the default feature layer; see
     * {@link #open(BackboneSpec, FeatureLayer, TransferListener, CancellationToken)}.
     *
     * @param spec what to load
     * @param download receives download progress in bytes; may be null
     * @return the backbone, ready to run
     */
    public Backbone open(BackboneSpec spec, TransferListener download) {
        return open(spec, FeatureLayer.DEFAULT, download, new CancellationToken());
    }

    /**
     * Loads a backbone with the given feature layer; see
     * {@link #open(BackboneSpec, FeatureLayer, TransferListener, CancellationToken)}.
     *
     * @param spec what to load
     * @param layer the activations to use as features
     * @param download receives download progress in bytes; may be null
     * @return the backbone, ready to run
     */
    public Backbone open(BackboneSpec spec, FeatureLayer layer, TransferListener download) {
        return open(spec, layer, download, new CancellationToken());
    }

    /**
     * Loads a backbone, downloading a pinned one first when it is not in the cache (naming it is the
     * consent), and verifying its checksum before it is loaded.
     *
     * @param spec what to load
     * @param layer the activations to use as features; ONNX backbones give either (pooled where the
     *     graph has a pooling node), the others their fixed output ({@link BackboneInfo#featureLayer()}
     *     says which was used)
     * @param download receives download progress in bytes; may be null
     * @param token cancels a download
     * @return the backbone, ready to run
     * @throws CatdogException when the model cannot be loaded, with the reason and the other choices
     */
    public Backbone open(BackboneSpec spec, FeatureLayer layer, TransferListener download, CancellationToken token) {
        return switch (spec.kind()) {
            case TINY -> openTiny();
            case ONNX_FILE -> openOnnx(spec.file(), layer, tuning());
            case BUILTIN -> openBuiltin(layer);
            case TORCHSCRIPT_FILE -> openFile(spec.file(), "PyTorch", "torchscript", true);
            case RESNET50, RESNET50_ONNX, RESNET50_ONNX_INT8, RESNET50_TORCHSCRIPT ->
                openPinned(resolve(spec), layer, download, token);
        };
    }

    /**
     * What a spec stands for here: {@code resnet50} becomes the form this machine runs fastest
     * ({@link BackboneSpec#defaultResNet50}); every other spec is itself. Starts no engine.
     *
     * @param spec the spec
     * @return the concrete spec
     */
    public BackboneSpec resolve(BackboneSpec spec) {
        return spec.kind() == BackboneSpec.Kind.RESNET50
                ? BackboneSpec.defaultResNet50(engines.deviceStatus().usesGpu())
                : spec;
    }

    /**
     * @param spec a backbone
     * @return the pinned file it needs when that is not downloaded yet; empty otherwise
     */
    public Optional<PinnedModel> missingDownload(BackboneSpec spec) {
        BackboneSpec concrete = resolve(spec);
        if (!concrete.isPinned()) {
            return Optional.empty();
        }
        PinnedModel m = store.sources().require(concrete.text());
        return store.isInstalled(m) ? Optional.empty() : Optional.of(m);
    }

    private Backbone openPinned(
            BackboneSpec spec, FeatureLayer layer, TransferListener download, CancellationToken token) {
        PinnedModel m = store.sources().require(spec.text());
        Path file = store.install(m, download, token);
        token.throwIfCancelled();
        store.verify(m); // before the engine reads a byte: TorchScript holds code
        Backbone inner = "OnnxRuntime".equals(m.engine())
                ? openOnnx(file, layer, tuning())
                : openFile(file, "PyTorch", "torchscript", false); // pinned and verified: no question
        return new PinnedBackbone(inner, m);
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
        return new DjlBackbone(
                model,
                TINY_PREPROCESSING,
                new BackboneInfo(
                        "tiny", "Tiny test backbone", "in-code", sha, 0, "pooled", "PyTorch", device.toString()));
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
        return OnnxBackbones.openBuiltin(layer, tuning());
    }

    private Backbone openFile(Path file, String engine, String kind, boolean askTrust) {
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("The backbone file " + file + " does not exist.");
        }
        String sha = sha256(file);
        // Asked with the checksum just computed, before PyTorch reads a byte: loading runs the file's code.
        if (askTrust && !trust.allows(file.toAbsolutePath(), sha)) {
            throw new TorchScriptRefusedException(file.toAbsolutePath(), sha, trust.refusalAdvice());
        }
        Device device = "PyTorch".equals(engine) ? engines.pytorchDevice() : Device.cpu();
        if ("PyTorch".equals(engine)) {
            engines.pytorch();
        }
        Criteria<PixelBatch, float[][]> criteria = Criteria.builder()
                .setTypes(PixelBatch.class, float[][].class)
                .optModelPath(file.toAbsolutePath())
                .optEngine(engine)
                .optDevice(device)
                .optTranslator(new FeatureTranslator())
                .build();
        try {
            ZooModel<PixelBatch, float[][]> model = criteria.loadModel();
            try {
                return new DjlBackbone(
                        model,
                        Preprocessing.IMAGENET,
                        new BackboneInfo(
                                kind,
                                file.getFileName().toString(),
                                file.toAbsolutePath().toString(),
                                sha,
                                0,
                                FeatureLayer.LOGITS.id(),
                                engine,
                                device.toString()));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            if (e instanceof CatdogException ce) {
                throw new CatdogException(
                        "The file " + file.getFileName() + " is not a usable " + kind + " image model: "
                                + ce.getMessage(),
                        e);
            }
            throw new CatdogException(
                    "The file " + file.getFileName() + " is not a usable " + kind + " model (" + firstLine(e)
                            + "). Choose " + BackboneSpec.CHOICES + ".",
                    e);
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
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
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
        return sha256(text.getBytes(StandardCharsets.UTF_8));
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
                ? t.getClass().getSimpleName() + ": " + m.split("\n")[0]
                : m.split("\n")[0];
    }
}
