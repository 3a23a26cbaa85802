package studio.catdog.core.backbone;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.image.Preprocessing;

/**
 * Opens ONNX models in ONNX Runtime, from bytes, after {@link OnnxFeatureGraph} has chosen which
 * tensor the features are: the edited graph never touches the disk, so there is no temporary file
 * to clean up or to race on.
 */
final class OnnxBackbones {

    private static final Logger log = LoggerFactory.getLogger(OnnxBackbones.class);

    /** ONNX backbones are edited in memory; larger files than this are refused, not half-read. */
    private static final long MAX_BYTES = 1L << 30;

    private OnnxBackbones() {}

    /**
     * Opens an ONNX model file.
     *
     * @param file the model
     * @param layer the feature layer asked for
     * @param tuning the session settings
     * @return the backbone
     * @throws CatdogException with the reason and the other choices when it cannot be used
     */
    static Backbone openFile(Path file, FeatureLayer layer, OrtTuning tuning) {
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("The backbone file " + file + " does not exist.");
        }
        String name = file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CatdogException("The file " + name + " is larger than 1 GB; CatDog Studio reads ONNX "
                        + "backbones into memory and cannot use one this large.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return openChecked(
                bytes,
                new BackboneInfo(
                        "onnx", name, file.toAbsolutePath().toString(), BackboneFactory.sha256(bytes), 0, "", "", ""),
                layer,
                tuning,
                "The file " + name);
    }

    /**
     * Opens the built-in MobileNetV2.
     *
     * @param layer the feature layer asked for
     * @param tuning the session settings
     * @return the backbone
     */
    static Backbone openBuiltin(FeatureLayer layer, OrtTuning tuning) {
        return openChecked(
                BuiltinBackbone.bytes(),
                new BackboneInfo(
                        "builtin", BuiltinBackbone.NAME, BuiltinBackbone.SOURCE, BuiltinBackbone.SHA256, 0, "", "", ""),
                layer,
                tuning,
                "The built-in backbone");
    }

    private static Backbone openChecked(
            byte[] bytes, BackboneInfo partial, FeatureLayer layer, OrtTuning tuning, String what) {
        try {
            return open(bytes, partial, layer, tuning);
        } catch (MalformedModelException | IOException | OrtException | RuntimeException e) {
            if (e instanceof CatdogException ce) {
                throw new CatdogException(what + " is not a usable onnx image model: " + ce.getMessage(), e);
            }
            throw new CatdogException(
                    what + " is not a usable onnx model (" + BackboneFactory.firstLine(e) + "). Choose "
                            + BackboneSpec.CHOICES + ".",
                    e);
        }
    }

    /**
     * Loads a model with the wanted feature layer; where the edited graph does not load, the
     * unedited one (the logits) is loaded instead and the layer says so.
     *
     * @param bytes the ONNX model as stored (its SHA-256 is {@code partial.sha256()})
     * @param partial kind, name, source and checksum; the layer and size are filled in here
     * @param wanted the layer asked for
     * @param tuning the session settings
     * @return the backbone
     * @throws MalformedModelException when ONNX Runtime refuses the unedited model
     * @throws IOException when it cannot be read
     * @throws OrtException when a session setting is refused
     */
    static Backbone open(byte[] bytes, BackboneInfo partial, FeatureLayer wanted, OrtTuning tuning)
            throws MalformedModelException, IOException, OrtException {
        FeatureGraphSelection selected = OnnxFeatureGraph.select(bytes, wanted);
        if (selected.layer() != FeatureLayer.LOGITS) {
            try {
                return load(selected.model(), partial, selected.layer(), tuning);
            } catch (MalformedModelException | IOException | OrtException | RuntimeException e) {
                log.warn(
                        "{}: the pooled features ({}) could not be read ({}); using the model's output instead",
                        partial.name(),
                        selected.tensor(),
                        DjlBackbone.rootMessage(e));
            }
        }
        return load(bytes, partial, FeatureLayer.LOGITS, tuning);
    }

    private static Backbone load(byte[] model, BackboneInfo partial, FeatureLayer layer, OrtTuning tuning)
            throws MalformedModelException, IOException, OrtException {
        OrtSession.SessionOptions options = tuning.sessionOptions();
        Model m = null;
        try {
            m = Model.newInstance(partial.name(), Device.cpu(), "OnnxRuntime");
            m.load(new ByteArrayInputStream(model), Map.of("sessionOptions", options));
            log.info("ONNX Runtime session for {} ({} features): {}", partial.name(), layer.id(), tuning);
            return new DjlBackbone(
                    m,
                    Preprocessing.IMAGENET,
                    new BackboneInfo(
                            partial.kind(),
                            partial.name(),
                            partial.source(),
                            partial.sha256(),
                            0,
                            layer.id(),
                            "OnnxRuntime",
                            Device.cpu().toString()),
                    tuning.batchSize(),
                    options::close);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            if (m != null) {
                m.close();
            }
            options.close();
            throw e;
        }
    }
}
