package studio.catdog.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.Backbone;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;

/**
 * The driver's side of shipping: opens the backbone once on the driver (to check it and learn its
 * identity), then hands the backbone file and the model folder's files to Spark's own file
 * distribution ({@code SparkContext.addFile}, what {@code spark-submit --files} does), so each executor
 * fetches them once.
 */
final class Shipping {

    /**
     * Spark 4's per-session artifact isolation: when on (the default), the tasks of a Dataset job
     * only fetch files added to that session's artifact state, so files given to
     * {@code SparkContext.addFile} (and {@code --files}) never reach the executors of a real cluster
     * (in {@code local} mode they are found anyway, in the driver's folder). Set off at session creation.
     */
    static final String ISOLATION = "spark.sql.artifact.isolation.enabled";

    private Shipping() {}

    private static void addFile(SparkSession spark, Path file) {
        if (!"false".equals(spark.conf().get(ISOLATION, "true"))
                && !spark.sparkContext().isLocal()) {
            throw new CatdogException("This Spark session isolates artifacts per session (" + ISOLATION + "=true), "
                    + "so the model and backbone files would not reach the executors. Start the job with --conf "
                    + ISOLATION + "=false.");
        }
        spark.sparkContext().addFile(file.toAbsolutePath().toUri().toString());
    }

    /**
     * Opens a backbone on the driver, checks it can run on executors, and ships its file.
     *
     * @param spark the session
     * @param spec the backbone asked for
     * @param layer the feature layer asked for
     * @return the checked backbone
     */
    static DriverBackbone backbone(SparkSession spark, BackboneSpec spec, FeatureLayer layer) {
        BackboneFactory factory = new BackboneFactory(new Engines());
        BackboneSpec concrete = factory.resolve(spec);
        factory.missingDownload(concrete).ifPresent(m -> {
            throw new CatdogException("The backbone " + m.id() + " is not downloaded on this machine; run "
                    + "'catdog backbone download " + m.id() + "' (or 'catdog backbone import FILE') first. "
                    + "Spark jobs never download.");
        });
        if (concrete.kind() == BackboneSpec.Kind.TORCHSCRIPT_FILE
                || concrete.kind() == BackboneSpec.Kind.TINY
                || concrete.kind() == BackboneSpec.Kind.RESNET50_TORCHSCRIPT) {
            throw new CatdogException("Spark jobs run ONNX backbones ('builtin', 'resnet50-onnx', "
                    + "'resnet50-onnx-int8' or a .onnx file); " + concrete.text() + " is not one.");
        }
        try (Backbone b = factory.open(concrete, layer, null)) {
            BackboneInfo info = b.info();
            Path file = null;
            if (!"builtin".equals(info.kind())) {
                file = Path.of(info.source());
                addFile(spark, file);
            }
            return new DriverBackbone(info, b.preprocessing(), file);
        }
    }

    /**
     * What executors need to extract features with a backbone.
     *
     * @param backbone the driver's checked backbone
     * @return the shipment, without a model
     */
    static ShippedModel features(DriverBackbone backbone) {
        return new ShippedModel(
                backbone.file() == null ? null : backbone.file().getFileName().toString(),
                backbone.info().sha256(),
                backbone.info().featureLayer(),
                backbone.info().featureDim(),
                null,
                null);
    }

    /**
     * A model folder: read and checked on the driver, its backbone opened and compared with the
     * manifest as {@code catdog predict} does, then its files and the backbone shipped.
     *
     * @param spark the session
     * @param dir the model folder (local to the driver)
     * @param backboneOverride the backbone to use instead of the recorded one, or null
     * @return the shipment and the manifest
     */
    static DriverModel model(SparkSession spark, Path dir, BackboneSpec backboneOverride) {
        ModelManifest m = ModelStore.readManifest(dir);
        BackboneSpec spec = backboneOverride != null ? backboneOverride : recordedBackbone(dir, m);
        DriverBackbone backbone =
                backbone(spark, spec, FeatureLayer.fromRecorded(m.backbone().featureLayer()));
        ModelStore.checkBackbone(m, backbone.info());
        Preprocessing expected = new Preprocessing(
                m.preprocessing().resize(),
                m.preprocessing().crop(),
                m.preprocessing().mean(),
                m.preprocessing().std());
        if (!expected.equals(backbone.preprocessing())) {
            throw new CatdogException("The model was trained with preprocessing " + expected.id()
                    + " but the backbone uses " + backbone.preprocessing().id() + ".");
        }
        List<String> names =
                new ArrayList<>(List.of(ModelStore.MANIFEST, m.head().paramsFile()));
        if (m.novelty() != null) {
            names.add(m.novelty().file());
        }
        for (String name : names) {
            addFile(spark, dir.resolve(name));
        }
        ShippedModel features = features(backbone);
        return new DriverModel(
                new ShippedModel(
                        features.backboneFile(),
                        features.backboneSha256(),
                        features.featureLayer(),
                        features.featureDim(),
                        String.join(",", names),
                        BackboneFactory.sha256(dir.resolve(ModelStore.MANIFEST))),
                m);
    }

    /** The backbone a manifest names, as {@code catdog predict} opens it. */
    private static BackboneSpec recordedBackbone(Path dir, ModelManifest m) {
        String kind = ModelSources.canonicalKind(m.backbone().kind());
        if (ModelSources.pinned().find(kind).isPresent()) {
            return BackboneSpec.pinned(kind);
        }
        return switch (kind) {
            case "builtin" -> BackboneSpec.builtin();
            case "onnx" -> new BackboneSpec(BackboneSpec.Kind.ONNX_FILE, ModelStore.backboneFile(dir, m));
            default ->
                throw new CatdogException("Spark jobs run models on ONNX backbones; this one needs '"
                        + m.backbone().kind() + "'.");
        };
    }
}
