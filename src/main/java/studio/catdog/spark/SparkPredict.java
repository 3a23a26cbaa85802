package studio.catdog.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.model.NoveltyDetector;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.prediction.Prediction;

/**
 * {@code predict}: every image under a path to a table of {@code path, label, probabilities,
 * unfamiliar, novelty_score, novelty_threshold, damaged, damage, error}, as Parquet or CSV. A file that cannot be read
 * or decoded becomes a row with {@code error}; the job goes on.
 *
 * <p>The answer is the desktop's: the same backbone (checked by checksum), the same head, and
 * {@link Prediction} decides the label and {@code unfamiliar}, as in {@code catdog predict}.
 */
public final class SparkPredict {

    /** The output formats. */
    public enum Format {
        PARQUET,
        CSV
    }

    /**
     * What a run did.
     *
     * @param files images listed
     * @param predicted images predicted
     * @param failed images that became error rows
     * @param counts images per predicted class
     * @param output where the table was written
     * @param seconds wall time from listing the images to the written table (the session and the
     *     JVM's start not included)
     * @param imagesPerSecond {@code files / seconds}
     */
    public record Summary(
            long files,
            long predicted,
            long failed,
            Map<String, Long> counts,
            String output,
            double seconds,
            double imagesPerSecond) {}

    private SparkPredict() {}

    /**
     * The output table's schema.
     *
     * @return path, label, probabilities (class to probability), unfamiliar, novelty_score,
     *     novelty_threshold, error
     */
    public static StructType schema() {
        return new StructType()
                .add("path", DataTypes.StringType, false)
                .add("label", DataTypes.StringType, true)
                .add("probabilities", DataTypes.createMapType(DataTypes.StringType, DataTypes.FloatType), true)
                .add("unfamiliar", DataTypes.BooleanType, true)
                .add("novelty_score", DataTypes.DoubleType, true)
                .add("novelty_threshold", DataTypes.DoubleType, true)
                .add("damaged", DataTypes.BooleanType, true)
                .add("damage", DataTypes.StringType, true)
                .add("error", DataTypes.StringType, true);
    }

    /**
     * Predicts every image under {@code input} and writes the table (replacing {@code output}).
     *
     * @param spark the session
     * @param model the model folder (local to the driver)
     * @param backboneOverride a backbone instead of the recorded one, or null
     * @param input the images: a local folder or any Hadoop URI
     * @param output the table to write: a local folder or any Hadoop URI
     * @param format Parquet or CSV
     * @return what it did
     */
    public static Summary run(
            SparkSession spark, Path model, BackboneSpec backboneOverride, String input, String output, Format format) {
        return run(spark, model, backboneOverride, input, output, format, false);
    }

    /**
     * Predicts every image under {@code input} and writes the table, under {@link SparkOutput}'s rule.
     *
     * @param spark the session
     * @param model the model folder (local to the driver)
     * @param backboneOverride a backbone instead of the recorded one, or null
     * @param input the images: a local folder or any Hadoop URI
     * @param output the table to write: a local folder or any Hadoop URI
     * @param format Parquet or CSV
     * @param overwrite whether an earlier table at {@code output} may be replaced ({@code --overwrite})
     * @return what it did
     */
    public static Summary run(
            SparkSession spark,
            Path model,
            BackboneSpec backboneOverride,
            String input,
            String output,
            Format format,
            boolean overwrite) {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        var inputRoot = InputListing.qualified(input, conf);
        SparkOutput out = SparkOutput.check(
                output,
                overwrite,
                List.of(inputRoot, InputListing.qualified(model.toAbsolutePath().toString(), conf)),
                conf);
        List<String> files = InputListing.images(inputRoot, conf);
        if (files.isEmpty()) {
            throw new CatdogException(
                    "No images under " + input + " (by extension: " + String.join(", ", ImageFiles.EXTENSIONS) + ").");
        }
        DriverModel shipped = Shipping.model(spark, model, backboneOverride);
        Dataset<Row> table = predictions(spark, files, shipped.shipped()).cache();
        try {
            out.replaceWith(folder -> write(table, shipped.manifest().classes(), folder, format));
            Map<String, Long> counts = new LinkedHashMap<>();
            long failed = 0;
            for (Row r : table.groupBy("label").count().collectAsList()) {
                if (r.isNullAt(0)) {
                    failed = r.getLong(1);
                } else {
                    counts.put(r.getString(0), r.getLong(1));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Summary(
                    files.size(),
                    files.size() - failed,
                    failed,
                    new TreeMap<>(counts),
                    output,
                    Math.round(seconds * 1000) / 1000.0,
                    Math.round(files.size() / seconds * 10) / 10.0);
        } finally {
            table.unpersist();
        }
    }

    /**
     * The prediction rows for a list of files, computed on the executors.
     *
     * @param spark the session
     * @param files image URIs
     * @param shipped the shipped model
     * @return the rows ({@link #schema()})
     */
    static Dataset<Row> predictions(SparkSession spark, List<String> files, ShippedModel shipped) {
        int partitions = partitions(spark, files.size());
        Dataset<String> paths = spark.createDataset(files, Encoders.STRING()).repartition(partitions);
        return paths.mapPartitions(new PredictPartition(shipped), Encoders.row(schema()));
    }

    /**
     * Partitions for a number of images: at least two per core, so a slow partition does not hold
     * the job up at the end, and at most about 512 images each.
     */
    static int partitions(SparkSession spark, int images) {
        int cores = spark.sparkContext().defaultParallelism();
        return Math.max(1, Math.min(images, Math.max(2 * cores, (images + 511) / 512)));
    }

    private static void write(Dataset<Row> table, List<String> classes, String output, Format format) {
        if (format == Format.PARQUET) {
            table.write().parquet(output); // a new hidden folder: SparkOutput puts it in place
            return;
        }
        // CSV has no maps: one p_<class> column per class, as in the desktop's prediction CSV. Text a
        // spreadsheet would run as a formula gets the desktop CSV's leading apostrophe.
        List<Column> columns = new ArrayList<>(List.of(guarded("path"), guarded("label")));
        for (String c : classes) {
            columns.add(col("probabilities").getItem(c).as("p_" + c));
        }
        columns.addAll(List.of(
                col("unfamiliar"),
                col("novelty_score"),
                col("novelty_threshold"),
                col("damaged"),
                col("damage"),
                guarded("error")));
        table.select(columns.toArray(Column[]::new))
                .write()
                .option("header", "true")
                .csv(output);
    }

    /**
     * A text column with {@link studio.catdog.core.prediction.PredictionCsv#text}'s formula guard: a
     * value starting with {@code = + - @}, a tab, a carriage return or an apostrophe gets a leading
     * apostrophe, so a spreadsheet shows it as text.
     */
    static Column guarded(String name) {
        Column c = col(name);
        return when(c.rlike("^[=+\\-@\t\r']"), concat(lit("'"), c)).otherwise(c).as(name);
    }

    /** Runs on executors: batches of images through the JVM's shared backbone, then the head. */
    private static final class PredictPartition implements MapPartitionsFunction<String, Row> {
        private static final long serialVersionUID = 1L;
        private final ShippedModel shipped;

        PredictPartition(ShippedModel shipped) {
            this.shipped = shipped;
        }

        @Override
        public Iterator<Row> call(Iterator<String> paths) {
            ImageBatches.Worker worker = new ImageBatches.Worker(shipped);
            TrainedHead head = ExecutorModels.head(shipped);
            return ImageBatches.mapInBatches(paths, worker.batchSize() * 4, batch -> {
                List<ImageFeatureResult> results = worker.run(batch, true);
                List<float[]> features = results.stream()
                        .filter(r -> r.features() != null)
                        .map(ImageFeatureResult::features)
                        .toList();
                float[][] p;
                synchronized (head) { // one DJL head per JVM: its forward pass is tiny, tasks take turns
                    p = features.isEmpty() ? new float[0][] : head.probabilities(features);
                }
                NoveltyDetector novelty = head.novelty();
                List<Row> rows = new ArrayList<>(results.size());
                int next = 0;
                for (ImageFeatureResult r : results) {
                    if (r.features() == null) {
                        rows.add(RowFactory.create(r.path(), null, null, null, null, null, null, null, r.error()));
                        continue;
                    }
                    float[] f = r.features();
                    Prediction prediction = novelty == null
                            ? new Prediction(r.path(), head.classes(), p[next++])
                            : new Prediction(
                                    r.path(), head.classes(), p[next++], novelty.score(f), novelty.threshold());
                    rows.add(row(prediction.withDamage(r.damage())));
                }
                return rows;
            });
        }

        private static Row row(Prediction p) {
            Map<String, Float> probabilities = p.asMap();
            boolean known = !Double.isNaN(p.noveltyScore());
            return RowFactory.create(
                    p.source(),
                    p.label(),
                    CollectionConverters.asScala(probabilities),
                    known ? p.unfamiliar() : null,
                    known ? p.noveltyScore() : null,
                    known ? p.noveltyThreshold() : null,
                    p.damaged(),
                    p.damage(),
                    null);
        }
    }

    /**
     * @param text {@code parquet} or {@code csv}, any case
     * @return the format
     */
    public static Format format(String text) {
        try {
            return Format.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CatdogException("Unknown format '" + text + "'; choose parquet or csv.");
        }
    }
}
