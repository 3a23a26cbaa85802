package studio.catdog.core.storage;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FileTrees;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.model.NoveltyDetector;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.training.HeadTrainer;

/**
 * Saves and loads model folders: {@code model.json} plus the head's parameter file.
 *
 * <p>Saving is atomic: everything is written and synced in a hidden temporary folder beside the
 * target, which then replaces the target by renames. A crash at any moment leaves either the old model
 * or the new one; the one window between the two renames is repaired by {@link #recover} on the next
 * load. Loading checks every field and the parameter checksum, and refuses a head that was trained
 * on another backbone.
 */
public final class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);
    /** The manifest file name. */
    public static final String MANIFEST = "model.json";

    static final String PARAMS_PREFIX = "head";
    static final String PARAMS_FILE = "head-0000.params";
    static final String NOVELTY_FILE = "novelty.bin";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    private ModelStore() {}

    /**
     * Writes a model folder atomically, replacing an existing model folder at {@code target}.
     *
     * @param target the model folder
     * @param head the trained head
     * @param manifestWithoutParams the manifest; its head checksum is filled in here
     * @return the manifest as written
     * @throws CatdogException when the folder cannot be written (disk full, no permission, target is
     *     something other than a model folder); the previous model is untouched
     */
    public static ModelManifest save(Path target, TrainedHead head, ModelManifest manifestWithoutParams) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        if (Files.exists(abs) && !isReplaceable(abs)) {
            throw new CatdogException(abs + " exists and is not a CatDog Studio model folder; "
                    + "choose a new folder name so nothing there is overwritten.");
        }
        Path tmp = parent.resolve("." + name + ".saving-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
            head.model().save(tmp, PARAMS_PREFIX);
            Path params = tmp.resolve(PARAMS_FILE);
            if (!Files.isRegularFile(params)) {
                throw new IOException("the engine did not write " + PARAMS_FILE);
            }
            ModelManifest.Head h = manifestWithoutParams.head();
            ModelManifest.Novelty novelty = null;
            if (head.novelty() != null) {
                Path file = tmp.resolve(NOVELTY_FILE);
                try (var out = Files.newOutputStream(file)) {
                    head.novelty().write(out);
                }
                fsync(file);
                novelty = new ModelManifest.Novelty(
                        NOVELTY_FILE,
                        BackboneFactory.sha256(file),
                        head.novelty().threshold(),
                        head.novelty().referenceCount());
            }
            ModelManifest manifest = new ModelManifest(
                    manifestWithoutParams.formatVersion(),
                    manifestWithoutParams.app(),
                    manifestWithoutParams.createdAt(),
                    manifestWithoutParams.classes(),
                    manifestWithoutParams.backbone(),
                    manifestWithoutParams.preprocessing(),
                    new ModelManifest.Head(
                            h.hiddenUnits(),
                            PARAMS_FILE,
                            BackboneFactory.sha256(params),
                            h.featureMean(),
                            h.featureStd(),
                            head.temperature()),
                    manifestWithoutParams.training(),
                    manifestWithoutParams.metrics(),
                    novelty,
                    manifestWithoutParams.earlierRuns());
            studio.catdog.core.FaultInjection.pause("save-before-manifest");
            Files.writeString(tmp.resolve(MANIFEST), GSON.toJson(manifest), StandardCharsets.UTF_8);
            fsync(params);
            fsync(tmp.resolve(MANIFEST));
            fsync(tmp);
            replace(tmp, abs);
            fsync(parent);
            return manifest;
        } catch (IOException | UncheckedIOException e) {
            FileTrees.deleteQuietly(tmp);
            String reason = e.getMessage() != null && e.getMessage().contains("No space")
                    ? "the disk is full"
                    : String.valueOf(e.getMessage());
            throw new CatdogException(
                    "Could not save the model to " + abs + ": " + reason
                            + ". The previous model (if any) is unchanged.",
                    e);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(tmp);
            throw e;
        }
    }

    private static void replace(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        studio.catdog.core.FaultInjection.pause("save-between-renames");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        FileTrees.deleteQuietly(old);
    }

    private static boolean isReplaceable(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.toList();
            return entries.isEmpty()
                    || entries.stream().anyMatch(p -> p.getFileName().toString().equals(MANIFEST));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Repairs what an interrupted save can leave: when the model folder is missing but a complete
     * previous version was moved aside, it is moved back; stale temporary folders are removed.
     *
     * @param target the model folder
     */
    public static void recover(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String name = abs.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".*")) {
            for (Path p : siblings) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + ".old-")
                        && !Files.exists(abs)
                        && Files.isRegularFile(p.resolve(MANIFEST))) {
                    Files.move(p, abs, StandardCopyOption.ATOMIC_MOVE);
                    log.warn("restored {} from an interrupted save", abs);
                } else if (n.startsWith("." + name + ".saving-") || n.startsWith("." + name + ".old-")) {
                    FileTrees.deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            log.debug("recovery scan of {} failed", parent, e);
        }
    }

    /**
     * Reads and checks a model folder's manifest.
     *
     * @param dir the model folder
     * @return the manifest
     * @throws CatdogException when the folder is not a complete, unchanged CatDog Studio model
     */
    public static ModelManifest readManifest(Path dir) {
        recover(dir);
        if (!Files.isDirectory(dir)) {
            throw new CatdogException("No model folder at " + dir + ".");
        }
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new CatdogException(dir + " is not a CatDog Studio model: it has no " + MANIFEST + ".");
        }
        ModelManifest m;
        try {
            m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ModelManifest.class);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new CatdogException(file + " is damaged (not valid JSON for a CatDog Studio model).", e);
        }
        validate(dir, m);
        return m;
    }

    static void validate(Path dir, ModelManifest m) {
        String where = dir.resolve(MANIFEST).toString();
        require(m != null, where + " is empty.");
        require(
                m.formatVersion() == ModelManifest.FORMAT_VERSION,
                where + " has format version " + m.formatVersion() + "; this version of CatDog Studio reads version "
                        + ModelManifest.FORMAT_VERSION + ".");
        require(m.classes() != null && m.classes().size() >= 2, where + " must list at least two classes.");
        require(
                new HashSet<>(m.classes()).size() == m.classes().size()
                        && m.classes().stream().noneMatch(c -> c == null || c.isBlank()),
                where + " lists empty or repeated class names.");
        ModelManifest.Backbone b = m.backbone();
        require(
                b != null && notBlank(b.kind()) && notBlank(b.sha256()) && notBlank(b.source()) && b.featureDim() > 0,
                where + " does not say which backbone the model needs (backbone.kind, source, sha256, featureDim).");
        ModelManifest.Preprocessing p = m.preprocessing();
        require(p != null && p.mean() != null && p.std() != null, where + " has no preprocessing.");
        try {
            new studio.catdog.core.image.Preprocessing(p.resize(), p.crop(), p.mean(), p.std());
        } catch (IllegalArgumentException e) {
            throw new CatdogException(where + " has invalid preprocessing: " + e.getMessage());
        }
        ModelManifest.Head h = m.head();
        require(
                h != null && notBlank(h.paramsFile()) && notBlank(h.paramsSha256()) && h.hiddenUnits() >= 0,
                where + " does not describe the head (head.paramsFile, paramsSha256).");
        require(
                h.featureMean() != null
                        && h.featureStd() != null
                        && h.featureMean().length == b.featureDim()
                        && h.featureStd().length == b.featureDim(),
                where + ": the head's feature statistics do not match the backbone's " + b.featureDim() + " features.");
        require(
                h.paramsFile().equals(PARAMS_FILE),
                where + " names an unexpected parameter file '" + h.paramsFile() + "'.");
        Path params = dir.resolve(h.paramsFile());
        require(
                Files.isRegularFile(params),
                "The model folder " + dir + " is incomplete: " + h.paramsFile() + " is missing.");
        require(
                BackboneFactory.sha256(params).equals(h.paramsSha256()),
                "The model folder " + dir + " is damaged: " + h.paramsFile() + " does not match its checksum in "
                        + MANIFEST + ".");
        require(
                h.temperature() > 0 && !Double.isInfinite(h.temperature()),
                where + " has an invalid head.temperature.");
        ModelManifest.Novelty n = m.novelty();
        if (n != null) {
            require(
                    NOVELTY_FILE.equals(n.file()) && notBlank(n.sha256()),
                    where + " describes the novelty detector incompletely.");
            Path file = dir.resolve(n.file());
            require(
                    Files.isRegularFile(file),
                    "The model folder " + dir + " is incomplete: " + n.file() + " is missing.");
            require(
                    BackboneFactory.sha256(file).equals(n.sha256()),
                    "The model folder " + dir + " is damaged: " + n.file() + " does not match its checksum in "
                            + MANIFEST + ".");
        }
    }

    /**
     * Refuses a backbone other than the one the head was trained on.
     *
     * @param m the manifest
     * @param actual the loaded backbone
     * @throws CatdogException naming both when they differ
     */
    public static void checkBackbone(ModelManifest m, BackboneInfo actual) {
        ModelManifest.Backbone b = m.backbone();
        String layer = FeatureLayer.fromRecorded(b.featureLayer()).id();
        String actualLayer = FeatureLayer.fromRecorded(actual.featureLayer()).id();
        if (!b.sha256().equals(actual.sha256())
                || b.featureDim() != actual.featureDim()
                || !ModelSources.canonicalKind(b.kind()).equals(ModelSources.canonicalKind(actual.kind()))
                || !layer.equals(actualLayer)) {
            throw new CatdogException("This model was trained on the backbone '" + b.name() + "' (" + b.kind()
                    + ", sha256 " + abbreviate(b.sha256()) + ", " + b.featureDim() + " " + layer
                    + " features), but the backbone given is '" + actual.name() + "' (" + actual.kind() + ", sha256 "
                    + abbreviate(actual.sha256()) + ", " + actual.featureDim() + " " + actualLayer
                    + " features). Use the same backbone the model was trained with.");
        }
    }

    /**
     * Loads the head of a checked model folder.
     *
     * @param dir the model folder
     * @param m its manifest (from {@link #readManifest})
     * @param device where to run it
     * @return the head
     */
    public static TrainedHead loadHead(Path dir, ModelManifest m, Device device) {
        Model model = Model.newInstance("head", device, "PyTorch");
        try {
            ai.djl.nn.Block block =
                    HeadTrainer.headBlock(m.classes().size(), m.head().hiddenUnits());
            // Initialised with the input shape first, so the loaded model can be saved again.
            block.initialize(
                    model.getNDManager(),
                    ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1, m.backbone().featureDim()));
            model.setBlock(block);
            model.load(dir, PARAMS_PREFIX);
            NoveltyDetector novelty = null;
            if (m.novelty() != null) {
                try (var in = Files.newInputStream(dir.resolve(m.novelty().file()))) {
                    novelty = NoveltyDetector.read(in, m.backbone().featureDim());
                }
            }
            return new TrainedHead(
                    model,
                    m.classes(),
                    m.head().featureMean(),
                    m.head().featureStd(),
                    m.head().hiddenUnits(),
                    List.of(),
                    m.head().temperature(),
                    novelty);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new CatdogException("The head parameters in " + dir + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new CatdogException(message);
        }
    }

    private static void fsync(Path path) throws IOException {
        try (FileChannel ch =
                FileChannel.open(path, Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e; // directories cannot be synced on every platform; files must be
            }
        }
    }
}
