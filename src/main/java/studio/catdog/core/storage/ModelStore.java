package studio.catdog.core.storage;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FaultInjection;
import studio.catdog.core.FileTrees;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.image.Preprocessing;
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
    /** The copy of an ONNX backbone file inside a model folder. */
    static final String BACKBONE_ONNX = "backbone.onnx";
    /** The copy of a TorchScript backbone file inside a model folder. */
    static final String BACKBONE_PT = "backbone.pt";
    /** Everything a model folder may hold: a folder with anything else is never replaced. */
    static final Set<String> OWN_FILES = Set.of(MANIFEST, PARAMS_FILE, NOVELTY_FILE, BACKBONE_ONNX, BACKBONE_PT);

    /** Largest {@code model.json} read (a ResNet50 model's is about 100 KB). */
    static final long MAX_MANIFEST_BYTES = 16L << 20;
    /** Bounds on what a {@code model.json} may declare, checked before anything is allocated. */
    static final int MAX_CLASSES = 10_000;

    static final int MAX_FEATURE_DIM = 65_536;
    /** The training settings' own bound on the hidden layer. */
    static final int MAX_HIDDEN_UNITS = 65_536;
    /** magic, count, dimension (ints) and the threshold (a double) */
    /** Largest novelty reference read (1 GiB of features: 200,000 ResNet50 vectors). */
    static final long MAX_NOVELTY_BYTES = 1L << 30;

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    private ModelStore() {}

    /**
     * Writes a model folder atomically, replacing an existing model folder at {@code target}: the
     * command line's {@code train --model} and the app's automatic save. A folder that holds anything
     * but a model's own files is never replaced.
     *
     * @param target the model folder
     * @param head the trained head
     * @param manifestWithoutParams the manifest; its head checksum is filled in here
     * @return the manifest as written
     * @throws CatdogException when the folder cannot be written (disk full, no permission, target is
     *     something other than a model folder); the previous model is untouched
     */
    public static ModelManifest save(Path target, TrainedHead head, ModelManifest manifestWithoutParams) {
        return save(target, head, manifestWithoutParams, true, null);
    }

    /**
     * Writes a model folder atomically, under {@link OutputFolders}' rule: an existing folder is
     * replaced only when {@code overwrite} is true and it holds nothing but a model's own files; a
     * folder that is, holds or lies inside the data set (or feature table) it was trained on is refused.
     * A backbone that is a local file is copied (hard-linked where the file system allows) into the
     * folder, and {@code model.json} names it by its name inside the folder, so the folder is whole
     * wherever it goes. {@code model.json} is sealed ({@link ManifestSeal}).
     *
     * @param target the model folder
     * @param head the trained head
     * @param manifestWithoutParams the manifest; its head checksum is filled in here
     * @param overwrite whether an existing model folder may be replaced
     * @param flag how the user asks to replace one ({@code --overwrite}), named in the refusal; null
     *     when the caller replaces model folders anyway
     * @return the manifest as written
     * @throws OutputFolders.ExistsException when the folder holds a model and {@code overwrite} is false
     * @throws CatdogException when the folder cannot be written; the previous model is untouched
     */
    public static ModelManifest save(
            Path target, TrainedHead head, ModelManifest manifestWithoutParams, boolean overwrite, String flag) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        List<Path> inputs = new ArrayList<>();
        String dataset = manifestWithoutParams.training() == null
                ? null
                : manifestWithoutParams.training().dataset();
        if (dataset != null && !dataset.isBlank()) {
            inputs.add(Path.of(dataset));
        }
        OutputFolders.check(abs, overwrite, flag == null ? "" : flag, OWN_FILES::contains, inputs);
        Path tmp = parent.resolve("." + name + ".saving-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
            head.model().save(tmp, PARAMS_PREFIX);
            Path params = tmp.resolve(PARAMS_FILE);
            if (!Files.isRegularFile(params)) {
                throw new IOException("the engine did not write " + PARAMS_FILE);
            }
            ManifestHead h = manifestWithoutParams.head();
            ManifestNovelty novelty = null;
            if (head.novelty() != null) {
                Path file = tmp.resolve(NOVELTY_FILE);
                try (var out = Files.newOutputStream(file)) {
                    head.novelty().write(out);
                }
                fsync(file);
                novelty = new ManifestNovelty(
                        NOVELTY_FILE,
                        BackboneFactory.sha256(file),
                        head.novelty().threshold(),
                        head.novelty().referenceCount());
            }
            ManifestBackbone backbone = includeBackboneFile(manifestWithoutParams.backbone(), tmp);
            ModelManifest manifest = new ModelManifest(
                    manifestWithoutParams.formatVersion(),
                    manifestWithoutParams.app(),
                    manifestWithoutParams.createdAt(),
                    manifestWithoutParams.classes(),
                    backbone,
                    manifestWithoutParams.preprocessing(),
                    new ManifestHead(
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
            FaultInjection.pause("save-before-manifest");
            Files.writeString(tmp.resolve(MANIFEST), sealedJson(manifest), StandardCharsets.UTF_8);
            fsync(params);
            fsync(tmp.resolve(MANIFEST));
            fsync(tmp);
            AtomicFiles.replaceFolder(tmp, abs, "old", () -> FaultInjection.pause("save-between-renames"));
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

    /**
     * @param name a file name
     * @return whether a model folder may hold a file of that name (a folder holding anything else is
     *     never replaced)
     */
    public static boolean isModelFile(String name) {
        return OWN_FILES.contains(name);
    }

    /** The manifest as the file's text: pretty JSON whose first member is the seal. */
    static String sealedJson(ModelManifest manifest) {
        JsonObject sealed = new JsonObject();
        sealed.addProperty(ManifestSeal.FIELD, ManifestSeal.placeholder());
        for (Map.Entry<String, JsonElement> e :
                GSON.toJsonTree(manifest).getAsJsonObject().entrySet()) {
            sealed.add(e.getKey(), e.getValue());
        }
        return ManifestSeal.seal(GSON.toJson(sealed));
    }

    /**
     * A backbone that is a file of the user's goes into the model folder (a hard link where possible,
     * else a copy), so that {@code model.json} only ever names files inside its own folder.
     */
    private static ManifestBackbone includeBackboneFile(ManifestBackbone b, Path tmp) throws IOException {
        String kind = ModelSources.canonicalKind(b.kind());
        String fileName = "onnx".equals(kind) ? BACKBONE_ONNX : "torchscript".equals(kind) ? BACKBONE_PT : null;
        if (fileName == null || b.source() == null || b.source().equals(fileName)) {
            return b;
        }
        Path source = Path.of(b.source());
        if (!source.isAbsolute() || !Files.isRegularFile(source)) {
            throw new CatdogException("The backbone file " + b.source() + " is not there any more, so the model "
                    + "cannot be saved whole. Open the model again with the backbone file.");
        }
        Path copy = tmp.resolve(fileName);
        try {
            Files.createLink(copy, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, copy);
        }
        if (!BackboneFactory.sha256(copy).equals(b.sha256())) {
            throw new CatdogException("The backbone file " + source + " changed since the model was trained "
                    + "(its SHA-256 is not " + b.sha256() + "); the model was not saved.");
        }
        fsync(copy);
        return new ManifestBackbone(b.kind(), b.name(), fileName, b.sha256(), b.featureDim(), b.featureLayer());
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
        String text = manifestText(file);
        ManifestSeal.State seal = ManifestSeal.check(text);
        if (seal == ManifestSeal.State.BROKEN) {
            throw new CatdogException(file + " was changed after it was saved: its content no longer matches the "
                    + "checksum it was sealed with (" + ManifestSeal.FIELD + "). An edited model.json changes the "
                    + "answers, so it is refused; use the folder as it was saved, or train the model again.");
        }
        if (seal == ManifestSeal.State.UNSEALED) {
            log.warn(unsealedNotice(dir));
        }
        ModelManifest m;
        try {
            m = GSON.fromJson(text, ModelManifest.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new CatdogException(file + " is damaged (not valid JSON for a CatDog Studio model).", e);
        }
        validate(dir, m);
        return m;
    }

    /**
     * Whether a model folder's {@code model.json} carries a seal (models saved before sealing existed
     * do not; they open with {@link #unsealedNotice}). Reads only that file; says nothing about
     * whether the seal holds, which {@link #readManifest} checks.
     *
     * @param dir the model folder
     * @return false for a model saved before sealing, true otherwise (also when the file is unreadable)
     */
    public static boolean isSealed(Path dir) {
        try {
            return ManifestSeal.check(manifestText(dir.resolve(MANIFEST))) != ManifestSeal.State.UNSEALED;
        } catch (CatdogException e) {
            return true;
        }
    }

    /**
     * The one-line notice for a model saved before {@code model.json} was sealed.
     *
     * @param dir the model folder
     * @return the notice
     */
    public static String unsealedNotice(Path dir) {
        return "Notice: " + dir.resolve(MANIFEST) + " was saved before model files were sealed, so a later edit of it "
                + "cannot be detected; save the model again to seal it.";
    }

    private static String manifestText(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_MANIFEST_BYTES) {
                throw new CatdogException(file + " is " + size + " bytes, more than any CatDog Studio model.json ("
                        + MAX_MANIFEST_BYTES + " at most); it is refused unread.");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
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
                m.classes().size() <= MAX_CLASSES,
                where + " lists " + m.classes().size() + " classes; at most " + MAX_CLASSES + " are read.");
        require(
                new HashSet<>(m.classes()).size() == m.classes().size()
                        && m.classes().stream().noneMatch(c -> c == null || c.isBlank()),
                where + " lists empty or repeated class names.");
        ManifestBackbone b = m.backbone();
        require(
                b != null && notBlank(b.kind()) && notBlank(b.sha256()) && notBlank(b.source()) && b.featureDim() > 0,
                where + " does not say which backbone the model needs (backbone.kind, source, sha256, featureDim).");
        require(
                b.featureDim() <= MAX_FEATURE_DIM,
                where + " declares " + b.featureDim() + " features; at most " + MAX_FEATURE_DIM + " are read.");
        ManifestPreprocessing p = m.preprocessing();
        require(p != null && p.mean() != null && p.std() != null, where + " has no preprocessing.");
        try {
            new Preprocessing(p.resize(), p.crop(), p.mean(), p.std());
        } catch (IllegalArgumentException e) {
            throw new CatdogException(where + " has invalid preprocessing: " + e.getMessage());
        }
        ManifestHead h = m.head();
        require(
                h != null && notBlank(h.paramsFile()) && notBlank(h.paramsSha256()) && h.hiddenUnits() >= 0,
                where + " does not describe the head (head.paramsFile, paramsSha256).");
        require(
                h.hiddenUnits() <= MAX_HIDDEN_UNITS,
                where + " declares " + h.hiddenUnits() + " hidden units; at most " + MAX_HIDDEN_UNITS + " are read.");
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
        long expectedParams =
                4L * parameterCount(b.featureDim(), h.hiddenUnits(), m.classes().size());
        require(
                length(params) >= expectedParams && length(params) <= expectedParams + (1L << 20),
                "The model folder " + dir + " is damaged: " + h.paramsFile() + " has " + length(params)
                        + " bytes, but a head of " + h.hiddenUnits() + " hidden units over " + b.featureDim()
                        + " features and " + m.classes().size() + " classes needs " + expectedParams + " bytes of "
                        + "parameters.");
        require(
                BackboneFactory.sha256(params).equals(h.paramsSha256()),
                "The model folder " + dir + " is damaged: " + h.paramsFile() + " does not match its checksum in "
                        + MANIFEST + ".");
        require(
                h.temperature() > 0 && !Double.isInfinite(h.temperature()),
                where + " has an invalid head.temperature.");
        ManifestNovelty n = m.novelty();
        if (n != null) {
            require(
                    NOVELTY_FILE.equals(n.file()) && notBlank(n.sha256()),
                    where + " describes the novelty detector incompletely.");
            Path file = dir.resolve(n.file());
            require(
                    Files.isRegularFile(file),
                    "The model folder " + dir + " is incomplete: " + n.file() + " is missing.");
            checkNoveltyLength(dir, file, n, b.featureDim());
            require(
                    BackboneFactory.sha256(file).equals(n.sha256()),
                    "The model folder " + dir + " is damaged: " + n.file() + " does not match its checksum in "
                            + MANIFEST + ".");
        }
    }

    /** The number of floats in a head: one linear layer, or a hidden ReLU layer and the output layer. */
    static long parameterCount(int featureDim, int hiddenUnits, int classes) {
        return hiddenUnits == 0
                ? (long) classes * (featureDim + 1)
                : (long) hiddenUnits * (featureDim + 1) + (long) classes * (hiddenUnits + 1);
    }

    /**
     * The novelty reference's header must agree with {@code model.json} and with the file's length
     * before a single vector is allocated (its layout is {@link NoveltyDetector#fileLength}'s).
     */
    private static void checkNoveltyLength(Path dir, Path file, ManifestNovelty n, int featureDim) {
        long length = length(file);
        int magic;
        int count;
        int dim;
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(in)) {
            magic = data.readInt();
            count = data.readInt();
            dim = data.readInt();
        } catch (IOException e) {
            throw new CatdogException("The model folder " + dir + " is damaged: " + n.file() + " is too short.", e);
        }
        long expected = NoveltyDetector.fileLength(magic, count, dim);
        require(
                expected >= 0
                        && count >= 1
                        && count == n.references()
                        && dim == featureDim
                        && 4L * count * dim <= MAX_NOVELTY_BYTES
                        && length == expected,
                "The model folder " + dir + " is damaged: " + n.file() + " declares " + count + " vectors of " + dim
                        + " features (" + MANIFEST + ": " + n.references() + " of " + featureDim + "), which does "
                        + "not fit its " + length + " bytes"
                        + (4L * count * dim > MAX_NOVELTY_BYTES
                                ? " (and is more than the " + MAX_NOVELTY_BYTES + " bytes read at most)"
                                : "")
                        + ".");
    }

    private static long length(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The backbone file a model folder names, resolved against the folder: it must lie inside it (links
     * resolved). Models save a backbone file of the user's into their folder, so a path that leads out
     * of it comes from an older model or from someone else, and is not opened.
     *
     * @param dir the model folder
     * @param m its manifest, whose backbone is an ONNX or TorchScript file
     * @return the file, inside the folder
     * @throws CatdogException when the path leads outside the folder or the file is missing
     */
    public static Path backboneFile(Path dir, ModelManifest m) {
        String source = m.backbone().source();
        Path folder = OutputFolders.real(dir.toAbsolutePath().normalize());
        Path file;
        try {
            file = OutputFolders.real(folder.resolve(source).normalize());
        } catch (InvalidPathException e) {
            throw new CatdogException(dir.resolve(MANIFEST) + " names an impossible backbone path '" + source + "'.");
        }
        if (!file.startsWith(folder) || file.equals(folder)) {
            throw new CatdogException(dir.resolve(MANIFEST) + " names the backbone file " + source + ", which is "
                    + "outside the model folder. A model folder may only name files inside it (or a pinned "
                    + "backbone), so it is not opened. If you trust that file, pass it with --backbone " + source
                    + " (it is checked by its checksum); saving the model again then copies it into the folder.");
        }
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("This model needs the backbone file " + file + ", which is not there. "
                    + "Pass the same file with --backbone (it is checked by its checksum).");
        }
        return file;
    }

    /**
     * Refuses a backbone other than the one the head was trained on.
     *
     * @param m the manifest
     * @param actual the loaded backbone
     * @throws CatdogException naming both when they differ
     */
    public static void checkBackbone(ModelManifest m, BackboneInfo actual) {
        ManifestBackbone b = m.backbone();
        String layer = FeatureLayer.fromRecorded(b.featureLayer()).id();
        String actualLayer = FeatureLayer.fromRecorded(actual.featureLayer()).id();
        boolean sameSha = b.sha256().equals(actual.sha256());
        if (!sameSha
                || b.featureDim() != actual.featureDim()
                || !ModelSources.canonicalKind(b.kind()).equals(ModelSources.canonicalKind(actual.kind()))
                || !layer.equals(actualLayer)) {
            // Shortened checksums hide a difference past their first digits: where they differ, both
            // are shown whole, and the file whose checksum is not the recorded one is named.
            String recordedSha = sameSha ? abbreviate(b.sha256()) : b.sha256();
            String actualSha = sameSha ? abbreviate(actual.sha256()) : actual.sha256();
            String fault = sameSha
                    ? ""
                    : " The checksums differ: " + MANIFEST + " records " + b.sha256() + ", but "
                            + describeSource(actual) + " has " + actual.sha256() + ".";
            throw new CatdogException("This model was trained on the backbone '" + b.name() + "' (" + b.kind()
                    + ", sha256 " + recordedSha + ", " + b.featureDim() + " " + layer
                    + " features), but the backbone given is '" + actual.name() + "' (" + actual.kind() + ", sha256 "
                    + actualSha + ", " + actual.featureDim() + " " + actualLayer + " features)." + fault
                    + " Use the same backbone the model was trained with.");
        }
    }

    private static String describeSource(BackboneInfo actual) {
        String source = actual.source();
        try {
            if (source != null
                    && !source.isBlank()
                    && !source.contains("://")
                    && Files.isRegularFile(Path.of(source))) {
                return "the backbone file " + source;
            }
        } catch (InvalidPathException e) {
            // not a file name: described by name below
        }
        return "the backbone '" + actual.name() + "'" + (source == null || source.isBlank() ? "" : " (" + source + ")");
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
            Block block = HeadTrainer.headBlock(m.classes().size(), m.head().hiddenUnits());
            // Initialised with the input shape first, so the loaded model can be saved again.
            block.initialize(
                    model.getNDManager(),
                    DataType.FLOAT32,
                    new Shape(1, m.backbone().featureDim()));
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
