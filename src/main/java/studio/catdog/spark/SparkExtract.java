package studio.catdog.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.dataset.Split;

/**
 * {@code extract}: the images of a data set (class folders, or the {@code training_set}/{@code test_set}
 * layout) to a feature table {@code path, class, split, contentSha256, backbone, features, error},
 * keyed like the desktop's feature cache: content SHA-256 plus the backbone's identity and
 * preprocessing ({@code backbone}). A re-run appends only what the table lacks: a file whose path
 * and content are already there (for this backbone) is skipped; a known content under a new path
 * gets the stored features without the backbone.
 *
 * <p>Two passes over the files: the first reads and hashes (cheap), the second decodes and runs the
 * backbone only for the rows still missing. With {@code <class>/} folders the split is taken from the
 * content hash (one image in five, by its first byte, is a test image), so it is stable from run to
 * run and machine to machine; the desktop draws a seeded 80/20 split instead.
 */
public final class SparkExtract {

    /**
     * What a run did.
     *
     * @param listed images found
     * @param alreadyInTable skipped: this path with this content was in the table already
     * @param reusedByContent new paths whose content the table knew (features copied, no backbone)
     * @param computed images run through the backbone
     * @param failed images that became error rows
     * @param backbone the feature table key of the backbone used
     * @param output the table
     */
    public record Summary(
            long listed,
            long alreadyInTable,
            long reusedByContent,
            long computed,
            long failed,
            String backbone,
            String output) {}

    private SparkExtract() {}

    /** @return the feature table's schema */
    public static StructType schema() {
        return new StructType()
                .add("path", DataTypes.StringType, false)
                .add("class", DataTypes.StringType, false)
                .add("split", DataTypes.StringType, false)
                .add("contentSha256", DataTypes.StringType, true)
                .add("backbone", DataTypes.StringType, false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add("error", DataTypes.StringType, true);
    }

    private static StructType hashedSchema() {
        return new StructType()
                .add("path", DataTypes.StringType, false)
                .add("class", DataTypes.StringType, false)
                .add("split", DataTypes.StringType, false)
                .add("contentSha256", DataTypes.StringType, true)
                .add("error", DataTypes.StringType, true);
    }

    /**
     * Extracts the features a table lacks and appends them.
     *
     * @param spark the session
     * @param data the data set folder (local path or Hadoop URI)
     * @param spec the backbone
     * @param layer the feature layer
     * @param output the feature table (Parquet; local path or Hadoop URI), created or appended to
     * @return what it did
     */
    public static Summary run(SparkSession spark, String data, BackboneSpec spec, FeatureLayer layer, String output) {
        return run(spark, data, spec, layer, output, false);
    }

    /**
     * Extracts the features a table lacks and appends them; with {@code overwrite}, starts the table
     * anew. An output that holds anything but a Spark table, or overlaps the data set, is refused.
     *
     * @param spark the session
     * @param data the data set folder (local path or Hadoop URI)
     * @param spec the backbone
     * @param layer the feature layer
     * @param output the feature table (Parquet; local path or Hadoop URI)
     * @param overwrite false to add to an existing table, true to replace it ({@code --overwrite})
     * @return what it did
     */
    public static Summary run(
            SparkSession spark, String data, BackboneSpec spec, FeatureLayer layer, String output, boolean overwrite) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path dataRoot = InputListing.qualified(data, conf);
        // Adding to the feature table is this job's contract (nothing is replaced), so an existing
        // table needs no --overwrite; it must still hold nothing but a Spark table's files.
        SparkOutput out = SparkOutput.check(output, true, List.of(dataRoot), conf);
        List<LabelledFile> files = InputListing.dataset(dataRoot, conf);
        DriverBackbone backbone = Shipping.backbone(spark, spec, layer);
        ShippedModel shipped = Shipping.features(backbone);
        String key = backbone.cacheKey();
        String table = out.target().toString();
        boolean append = out.exists() && !overwrite && hasParts(table, conf);

        List<Row> listed = new ArrayList<>(files.size());
        files.forEach(f -> listed.add(RowFactory.create(
                f.path(), f.className(), f.split() == null ? "" : f.split().name())));
        StructType listedSchema = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("class", DataTypes.StringType, false)
                .add("split", DataTypes.StringType, false);
        Dataset<Row> hashed = spark.createDataFrame(listed, listedSchema)
                .repartition(SparkPredict.partitions(spark, files.size()))
                .mapPartitions(new HashPartition(), Encoders.row(hashedSchema()))
                .persist();
        try {
            Dataset<Row> existing = append
                    ? spark.read().parquet(table).where(col("backbone").equalTo(key))
                    : spark.createDataFrame(List.of(), schema());
            Dataset<Row> present = existing.where(col("contentSha256").isNotNull())
                    .select("path", "contentSha256")
                    .distinct();
            Dataset<Row> todo = hashed.join(
                            present,
                            hashed.col("path")
                                    .equalTo(present.col("path"))
                                    .and(hashed.col("contentSha256").equalTo(present.col("contentSha256"))),
                            "left_anti")
                    .persist();
            long alreadyInTable = files.size() - todo.count();

            Dataset<Row> known = existing.where(col("error").isNull())
                    .select("contentSha256", "features")
                    .dropDuplicates("contentSha256");
            Dataset<Row> reused = todo.where(col("error").isNull())
                    .join(known, "contentSha256")
                    .selectExpr(
                            "path",
                            "class",
                            "split",
                            "contentSha256",
                            "'" + key.replace("'", "''") + "' as backbone",
                            "features",
                            "cast(null as string) as error");
            Dataset<Row> unreadable = todo.where(col("error").isNotNull())
                    .selectExpr(
                            "path",
                            "class",
                            "split",
                            "contentSha256",
                            "'" + key.replace("'", "''") + "' as backbone",
                            "cast(null as array<float>) as features",
                            "error");
            Dataset<Row> compute = todo.where(col("error").isNull())
                    .join(known, todo.col("contentSha256").equalTo(known.col("contentSha256")), "left_anti");

            long reusedCount = todo.where(col("error").isNull())
                    .join(known.select("contentSha256"), "contentSha256")
                    .count();
            long computedCount = compute.count();
            // An explicit count of partitions: after the joins, adaptive execution would otherwise merge
            // these small rows (paths, not pixels) into one partition and one core would run the backbone.
            Dataset<Row> computed = compute.repartition(
                            SparkPredict.partitions(spark, (int) Math.max(1, computedCount)))
                    .mapPartitions(new FeaturePartition(shipped, key), Encoders.row(schema()));
            // Materialised (and kept) before the write, so the backbone runs once and the counts do
            // not see the rows this run appends to the table it read.
            Dataset<Row> added =
                    reused.unionByName(unreadable).unionByName(computed).persist();
            try {
                added.count();
                long failed = added.where(col("error").isNotNull()).count();
                if (append) {
                    added.write().mode("append").parquet(table); // adds part files; replaces nothing
                } else {
                    out.replaceWith(folder -> added.write().parquet(folder));
                }
                return new Summary(files.size(), alreadyInTable, reusedCount, computedCount, failed, key, output);
            } finally {
                added.unpersist();
                todo.unpersist();
            }
        } finally {
            hashed.unpersist();
        }
    }

    /** Whether a table folder holds Parquet parts (an empty folder is no table yet). */
    private static boolean hasParts(String table, Configuration conf) {
        try {
            Path p = new Path(table);
            FileSystem fs = p.getFileSystem(conf);
            for (FileStatus f : fs.listStatus(p)) {
                if (f.getPath().getName().startsWith("part-")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new CatdogException("Cannot read " + table + ": " + e.getMessage(), e);
        }
    }

    /** First pass, on executors: read and hash each file; a class-folder image gets its split from the hash. */
    private static final class HashPartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Configuration conf = HadoopFiles.configuration();
            return ImageBatches.mapInBatches(rows, 64, batch -> {
                List<Row> out = new ArrayList<>(batch.size());
                for (Row r : batch) {
                    ImageFeatureResult h = ImageBatches.hash(r.getString(0), conf);
                    String split = r.getString(2);
                    if (split.isEmpty()) {
                        split = h.sha256() != null
                                        && Integer.parseInt(h.sha256().substring(0, 2), 16) % 5 == 0
                                ? Split.TEST.name()
                                : Split.TRAIN.name();
                    }
                    out.add(RowFactory.create(r.getString(0), r.getString(1), split, h.sha256(), h.error()));
                }
                return out;
            });
        }
    }

    /** Second pass, on executors: decode in batches and run the JVM's shared backbone. */
    private static final class FeaturePartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ShippedModel shipped;
        private final String key;

        FeaturePartition(ShippedModel shipped, String key) {
            this.shipped = shipped;
            this.key = key;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            ImageBatches.Worker worker = new ImageBatches.Worker(shipped);
            return ImageBatches.mapInBatches(rows, worker.batchSize() * 4, batch -> {
                List<ImageFeatureResult> results = worker.run(
                        batch.stream().map(r -> r.<String>getAs("path")).toList(), true);
                List<Row> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    Row in = batch.get(i);
                    ImageFeatureResult r = results.get(i);
                    out.add(RowFactory.create(
                            in.getAs("path"),
                            in.getAs("class"),
                            in.getAs("split"),
                            r.sha256(),
                            key,
                            r.features() == null ? null : boxed(r.features()),
                            r.error()));
                }
                return out;
            });
        }

        private static Float[] boxed(float[] f) {
            Float[] out = new Float[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }
}
