package studio.catdog.spark;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;

/**
 * The backbones and heads loaded in this executor JVM, one per backbone file and checksum (and one
 * per model folder), shared by every task the executor runs.
 *
 * @implNote This is the one static holder in the code base, on purpose: Spark creates executor JVMs
 *     and deserializes tasks into them, so there is no application object to wire a service into.
 *     Loading a backbone per partition (as DJL's Spark extension does) would cost a model load per
 *     task; here the first task of a JVM loads it and every later task, concurrent ones included,
 *     reuses it. Nothing is closed before the JVM ends: executors live as long as the application.
 */
final class ExecutorModels {

    private static final Logger log = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, Backbone> BACKBONES = new ConcurrentHashMap<>();
    private static final Map<String, TrainedHead> HEADS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * This JVM's backbone for a shipment, loaded on first use with {@code threadsPerCall} ONNX Runtime
     * threads per call (the cores of one task).
     *
     * @param shipped what the driver shipped
     * @param threadsPerCall cores per task
     * @return the backbone, shared by this JVM's tasks
     */
    static Backbone backbone(ShippedModel shipped, int threadsPerCall) {
        return BACKBONES.computeIfAbsent(shipped.backboneKey(), k -> open(shipped, threadsPerCall));
    }

    /**
     * This JVM's head for a shipped model folder, checked against its manifest on first use.
     *
     * @param shipped what the driver shipped
     * @return the head; callers hold its lock while they run it
     */
    static TrainedHead head(ShippedModel shipped) {
        return HEADS.computeIfAbsent(shipped.headKey(), k -> {
            Path dir = assemble(shipped.modelFiles());
            String sha = BackboneFactory.sha256(dir.resolve(ModelStore.MANIFEST));
            if (!sha.equals(shipped.manifestSha256())) {
                throw new CatdogException("The model folder shipped to this executor (" + dir + ") is not the one "
                        + "the driver read: its model.json has another checksum.");
            }
            ModelManifest m = ModelStore.readManifest(dir); // checks every file's checksum
            return ModelStore.loadHead(dir, m, Device.cpu());
        });
    }

    /** Copies the shipped model files into a folder of their own, as the model folder they came from. */
    private static Path assemble(String files) {
        try {
            Path dir = Files.createTempDirectory("catdog-spark-model-");
            for (String name : files.split(",")) {
                Path shipped = Path.of(SparkFiles.get(name));
                if (!Files.isRegularFile(shipped)) {
                    throw new CatdogException(
                            "The model file " + name + " did not reach this executor (looked in " + shipped + ").");
                }
                Files.copy(shipped, dir.resolve(name));
            }
            return dir;
        } catch (IOException e) {
            throw new CatdogException("Cannot assemble the shipped model on this executor: " + e.getMessage(), e);
        }
    }

    private static Backbone open(ShippedModel shipped, int threadsPerCall) {
        BackboneFactory factory = new BackboneFactory(new Engines()).withOrtThreads(threadsPerCall);
        FeatureLayer layer = FeatureLayer.fromRecorded(shipped.featureLayer());
        BackboneSpec spec;
        if (shipped.backboneFile() == null) {
            spec = BackboneSpec.builtin();
        } else {
            Path file = Path.of(SparkFiles.get(shipped.backboneFile()));
            if (!Files.isRegularFile(file)) {
                throw new CatdogException("The backbone file " + shipped.backboneFile() + " did not reach this "
                        + "executor (looked in " + file + ").");
            }
            if (!BackboneFactory.sha256(file).equals(shipped.backboneSha256())) {
                throw new CatdogException("The backbone file " + file + " on this executor has another checksum "
                        + "than the driver's; refusing to compute features with it.");
            }
            spec = new BackboneSpec(BackboneSpec.Kind.ONNX_FILE, file);
        }
        Backbone b = factory.open(spec, layer, null);
        if (!b.info().sha256().equals(shipped.backboneSha256())
                || b.info().featureDim() != shipped.featureDim()
                || !FeatureLayer.fromRecorded(b.info().featureLayer()).id().equals(layer.id())) {
            String got = b.info().identity();
            b.close();
            throw new CatdogException("The executor's backbone (" + got + ") differs from the driver's ("
                    + shipped.backboneSha256() + ", " + shipped.featureDim() + " " + layer.id() + " features).");
        }
        log.info(
                "executor backbone {} loaded once for this JVM, {} ONNX Runtime thread(s) per call",
                b.info().name(),
                threadsPerCall);
        return b;
    }
}
