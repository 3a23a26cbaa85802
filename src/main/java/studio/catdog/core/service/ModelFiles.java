package studio.catdog.core.service;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneNotDownloadedException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.BuiltinBackbone;
import studio.catdog.core.backbone.FeatureGraphSelection;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.OnnxFeatureGraph;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.export.OnnxExporter;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;

/** Opening, saving and exporting models. Engine worker only. */
final class ModelFiles {

    private final ModelSlot slot;

    ModelFiles(ModelSlot slot) {
        this.slot = slot;
    }

    /**
     * Opens a model folder with the backbone it needs and makes it current; on any failure the
     * previous model stays current, untouched.
     *
     * @param dir the model folder
     * @param backboneOverride a backbone to use instead of the recorded one (checked by checksum), or null
     * @param device where the head runs
     * @param context the job's token and progress
     * @return the manifest
     */
    ModelManifest load(Path dir, BackboneSpec backboneOverride, Device device, JobContext context) {
        ModelManifest m = ModelStore.readManifest(dir);
        BackboneSpec spec = backboneOverride != null ? backboneOverride : specFromManifest(dir, m);
        if (backboneOverride == null) {
            // A recorded backbone is downloaded only when the user says so (it may be 100 MB).
            slot.missingDownload(spec).ifPresent(p -> {
                throw new BackboneNotDownloadedException(p);
            });
        }
        requireRecordedFile(spec, m, false);
        context.progress("Loading the backbone", 0, 100, Double.NaN);
        BackboneSession session = slot.session(
                spec,
                FeatureLayer.fromRecorded(m.backbone().featureLayer()),
                TransferMeter.toJob("Downloading the backbone", context),
                context.token());
        ModelStore.checkBackbone(m, session.info());
        Preprocessing expected = new Preprocessing(
                m.preprocessing().resize(),
                m.preprocessing().crop(),
                m.preprocessing().mean(),
                m.preprocessing().std());
        if (!expected.equals(session.backbone().preprocessing())) {
            throw new CatdogException(
                    "The model was trained with preprocessing " + expected.id() + " but the backbone uses "
                            + session.backbone().preprocessing().id() + ".");
        }
        context.throwIfCancelled();
        TrainedHead head = ModelStore.loadHead(dir, m, device);
        // In memory the manifest names the backbone file it was opened from, so a later save (to
        // another folder) copies that file along.
        ModelManifest opened = isFile(m) ? m.withBackboneSource(session.info().source()) : m;
        slot.commit(new LoadedModel(session, head, opened, dir.toAbsolutePath()));
        return m;
    }

    /**
     * Checks a backbone file against the SHA-256 a model records before the file is opened: opening a
     * TorchScript file runs its code, so a file that is not the model's own is refused unread.
     *
     * @param spec the backbone about to be opened
     * @param m the model it is for
     * @param continuing whether a training run continues the model (the message says so)
     * @throws CatdogException when the file's checksum is not the recorded one
     */
    static void requireRecordedFile(BackboneSpec spec, ModelManifest m, boolean continuing) {
        if (spec.kind() != BackboneSpec.Kind.ONNX_FILE && spec.kind() != BackboneSpec.Kind.TORCHSCRIPT_FILE) {
            return; // pinned files are verified by the store; the built-in and tiny ones are not files
        }
        if (!Files.isRegularFile(spec.file())) {
            throw new CatdogException("The backbone file " + spec.file() + " does not exist.");
        }
        String sha = BackboneFactory.sha256(spec.file());
        if (!sha.equals(m.backbone().sha256())) {
            String recorded = "'" + m.backbone().name() + "' (" + m.backbone().kind() + ", sha256 "
                    + m.backbone().sha256() + ")";
            String given = spec.file() + " (sha256 " + sha + ")";
            throw new CatdogException(
                    continuing
                            ? "Cannot continue training: the model was trained on the backbone " + recorded + ", not "
                                    + given + ". The file was not opened."
                            : "This model was trained on the backbone " + recorded + ", but the backbone given is "
                                    + given + ". Use the same backbone the model was trained with; the file was "
                                    + "not opened.");
        }
    }

    /**
     * Saves the current model atomically.
     *
     * @param dir the folder
     * @return the folder, absolute
     */
    Path save(Path dir) {
        LoadedModel model = slot.require();
        ModelManifest written = ModelStore.save(dir, model.head(), model.manifest());
        slot.update(model.savedTo(dir.toAbsolutePath(), inMemory(written, model)));
        return dir.toAbsolutePath();
    }

    /**
     * Saves the current model atomically to a folder the user chose: an existing model folder is
     * replaced only when {@code overwrite} is true, anything else is never replaced.
     *
     * @param dir the folder
     * @param overwrite whether an existing model folder may be replaced
     * @return the folder, absolute
     * @throws studio.catdog.core.OutputFolders.ExistsException when the folder holds a model and
     *     {@code overwrite} is false
     */
    Path save(Path dir, boolean overwrite) {
        LoadedModel model = slot.require();
        ModelManifest written = ModelStore.save(dir, model.head(), model.manifest(), overwrite, "a confirmation");
        slot.update(model.savedTo(dir.toAbsolutePath(), inMemory(written, model)));
        return dir.toAbsolutePath();
    }

    /**
     * Exports backbone and head as one ONNX model.
     *
     * @param dir the folder to write
     * @param overwrite whether an earlier export there may be replaced
     * @return the folder
     */
    Path exportOnnx(Path dir, boolean overwrite) {
        LoadedModel model = slot.require();
        BackboneInfo info = model.backbone().info();
        byte[] backbone;
        if ("builtin".equals(info.kind())) {
            backbone = BuiltinBackbone.bytes();
        } else if ("OnnxRuntime".equals(info.engine())) {
            backbone = readOnnx(Path.of(info.source()), info.sha256());
        } else {
            throw new CatdogException("Export to ONNX needs a model trained on an ONNX backbone; this one uses "
                    + info.name() + " (" + info.kind() + "). Combining a TorchScript backbone with the head needs "
                    + "PyTorch's own tools, which CatDog Studio does not ship.");
        }
        // The same graph edit as when the backbone was opened, so the export reads the same features.
        FeatureGraphSelection graph = OnnxFeatureGraph.select(backbone, FeatureLayer.fromRecorded(info.featureLayer()));
        if (!graph.layer()
                .id()
                .equals(FeatureLayer.fromRecorded(info.featureLayer()).id())) {
            throw new CatdogException(
                    "The backbone's " + info.featureLayer() + " features cannot be exported as one " + "ONNX graph.");
        }
        List<Path> inputs = new ArrayList<>();
        if (model.savedAt() != null) {
            inputs.add(model.savedAt());
        }
        if (!"builtin".equals(info.kind())) {
            inputs.add(Path.of(info.source()));
        }
        return OnnxExporter.export(
                graph.model(), model.head(), model.backbone().backbone().preprocessing(), dir, overwrite, inputs);
    }

    private static byte[] readOnnx(Path file, String sha256) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!sha256.equals(BackboneFactory.sha256(bytes))) {
                throw new CatdogException("The backbone file " + file + " changed since the model was loaded; "
                        + "open the model again before exporting.");
            }
            return bytes;
        } catch (IOException e) {
            throw new CatdogException("Cannot read the backbone file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The written manifest as kept in memory: naming the backbone file the model runs on. */
    private static ModelManifest inMemory(ModelManifest written, LoadedModel model) {
        return isFile(written)
                ? written.withBackboneSource(model.manifest().backbone().source())
                : written;
    }

    private static boolean isFile(ModelManifest m) {
        String kind = ModelSources.canonicalKind(m.backbone().kind());
        return "onnx".equals(kind) || "torchscript".equals(kind);
    }

    /**
     * The backbone a saved model names.
     *
     * @param dir the model folder (a backbone file must lie inside it)
     * @param m the manifest
     * @return the spec to open
     */
    static BackboneSpec specFromManifest(Path dir, ModelManifest m) {
        String kind = ModelSources.canonicalKind(m.backbone().kind());
        if (ModelSources.pinned().find(kind).isPresent()) {
            return BackboneSpec.pinned(kind); // exactly the weights it was trained on, never another form
        }
        return switch (kind) {
            case "tiny" -> BackboneSpec.tiny();
            case "builtin" -> BackboneSpec.builtin();
            case "onnx", "torchscript" -> {
                Path file = ModelStore.backboneFile(dir, m);
                yield new BackboneSpec(
                        "onnx".equals(m.backbone().kind())
                                ? BackboneSpec.Kind.ONNX_FILE
                                : BackboneSpec.Kind.TORCHSCRIPT_FILE,
                        file);
            }
            default ->
                throw new CatdogException("The model needs an unknown kind of backbone '"
                        + m.backbone().kind() + "'.");
        };
    }
}
