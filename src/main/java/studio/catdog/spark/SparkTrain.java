package studio.catdog.spark;

import static org.apache.spark.sql.functions.col;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import studio.catdog.core.CatdogException;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.evaluation.Evaluator;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.storage.ManifestBuilder;
import studio.catdog.core.storage.ModelManifest;
import studio.catdog.core.storage.ModelStore;
import studio.catdog.core.training.HeadTrainer;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;

/**
 * {@code train}: a head trained from a feature table, written as a normal model folder.
 *
 * <p>The head is trained on the driver by the desktop's own {@link HeadTrainer} (standardisation,
 * seeded validation split, temperature scaling, novelty reference), so the model is the one
 * {@code catdog train} would make from the same features: the only data collected to the driver is
 * the feature table's rows for this backbone (for 4,000 MobileNetV2 images 20 MB; 10 million
 * ResNet50 images would be 80 GB, where a sample is the answer). Spark MLlib's logistic regression
 * would train the same linear layer distributed, but the calibration, novelty detector and DJL
 * parameter file would then have to be rebuilt beside it; see ARCHITECTURE.md.
 */
public final class SparkTrain {

    /**
     * What a run did.
     *
     * @param trainImages training rows used (validation part included)
     * @param testImages test rows evaluated
     * @param testAccuracy accuracy on the test rows, NaN without any
     * @param model the model folder written
     */
    public record Summary(int trainImages, int testImages, double testAccuracy, String model) {}

    private SparkTrain() {}

    /**
     * Trains and saves.
     *
     * @param spark the session
     * @param features the feature table written by {@link SparkExtract}
     * @param spec the backbone the features were extracted with (checked against the table)
     * @param layer its feature layer
     * @param settings the training settings
     * @param model the model folder to write (local to the driver; written atomically)
     * @return what it did
     */
    public static Summary run(
            SparkSession spark,
            String features,
            BackboneSpec spec,
            FeatureLayer layer,
            TrainingSettings settings,
            Path model) {
        return run(spark, features, spec, layer, settings, model, false);
    }

    /**
     * Trains and saves, under the model folder rule: an existing model folder is replaced only with
     * {@code overwrite}, a folder holding anything else never, and never the feature table's folder.
     *
     * @param spark the session
     * @param features the feature table written by {@link SparkExtract}
     * @param spec the backbone the features were extracted with (checked against the table)
     * @param layer its feature layer
     * @param settings the training settings
     * @param model the model folder to write (local to the driver; written atomically)
     * @param overwrite whether an existing model folder may be replaced ({@code --overwrite})
     * @return what it did
     */
    public static Summary run(
            SparkSession spark,
            String features,
            BackboneSpec spec,
            FeatureLayer layer,
            TrainingSettings settings,
            Path model,
            boolean overwrite) {
        var tablePath = InputListing.qualified(features, spark.sparkContext().hadoopConfiguration());
        Path localTable = InputListing.local(tablePath);
        // Checked before anything is read or trained, then again (atomically) by the save.
        OutputFolders.check(
                model,
                overwrite,
                "--overwrite",
                ModelStore::isModelFile,
                localTable == null ? List.of() : List.of(localTable));
        DriverBackbone backbone = Shipping.backbone(spark, spec, layer);
        String table = InputListing.qualified(features, spark.sparkContext().hadoopConfiguration())
                .toString();
        List<Row> rows = spark.read()
                .parquet(table)
                .where(col("backbone")
                        .equalTo(backbone.cacheKey())
                        .and(col("error").isNull()))
                .select("path", "class", "split", "contentSha256", "features")
                .dropDuplicates("path")
                .collectAsList();
        if (rows.isEmpty()) {
            throw new CatdogException("The feature table " + features + " has no rows for the backbone "
                    + backbone.info().name() + " (" + backbone.cacheKey() + "); run extract with it first.");
        }
        List<String> classes = rows.stream()
                .map(r -> r.<String>getAs("class"))
                .distinct()
                .sorted()
                .toList();
        // The desktop scanner's order (split, then path), so the seeded validation split is the same.
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Row r) -> Split.valueOf(r.getAs("split")))
                .thenComparing(r -> r.<String>getAs("path")));
        List<ImageSample> samples = new ArrayList<>(sorted.size());
        List<float[]> vectors = new ArrayList<>(sorted.size());
        for (Row r : sorted) {
            samples.add(new ImageSample(
                    localPath(r.getAs("path")),
                    classes.indexOf(r.<String>getAs("class")),
                    Split.valueOf(r.getAs("split")),
                    r.getAs("contentSha256"),
                    0));
            List<Float> f = r.getList(r.fieldIndex("features"));
            float[] v = new float[f.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f.get(i);
            }
            vectors.add(v);
        }
        FeatureSet all = new FeatureSet(samples, vectors, List.of(), samples.size(), 0, 0);
        FeatureSet train = all.subset(Split.TRAIN);
        FeatureSet test = all.subset(Split.TEST);
        Dataset dataset = new Dataset(
                localPath(table),
                test.size() > 0 ? Dataset.Layout.SPLIT_FOLDERS : Dataset.Layout.CLASS_FOLDERS,
                classes,
                samples,
                List.of(),
                List.of(),
                List.of());

        try (TrainedHead head = new HeadTrainer(Device.cpu())
                .train(train, classes, settings, TrainingObserver.NONE, new CancellationToken())) {
            EvaluationReport report = test.size() == 0
                    ? null
                    : Evaluator.evaluate(
                            classes,
                            test.samples().stream().map(ImageSample::path).toList(),
                            test.labels(),
                            head.logits(test.features()),
                            head.temperature());
            ModelManifest manifest = ManifestBuilder.build(
                    dataset, backbone.info(), backbone.preprocessing(), settings, head, train.size(), report, null);
            ModelStore.save(model, head, manifest, overwrite, "--overwrite");
            return new Summary(
                    train.size(),
                    test.size(),
                    report == null ? Double.NaN : report.accuracy(),
                    model.toAbsolutePath().toString());
        }
    }

    private static Path localPath(String path) {
        Path local = SparkPaths.local(path);
        return local != null ? local : Path.of(path);
    }
}
