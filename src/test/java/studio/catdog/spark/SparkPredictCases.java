package studio.catdog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Spark {@code predict} in {@code local[2]} on generated images, with broken files among them. */
abstract class SparkPredictCases {

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path model;
    private static Path input;
    /** What the desktop's own prediction path says for each good image. */
    private static final Map<String, Prediction> expected = new HashMap<>();

    @BeforeAll
    static void trainAModelAndWriteInputs() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("data"), 12, 6, 5);
        model = dir.resolve("model");
        input = dir.resolve("input");
        Files.createDirectories(input.resolve("nested"));
        try (ModelService service = TestServices.service(dir.resolve("home"))) {
            Dataset dataset = service.openDataset(data).join();
            service.train(
                            dataset,
                            BackboneSpec.builtin(),
                            TrainingSettings.defaults().withEpochs(3),
                            TrainingObserver.NONE)
                    .join();
            service.save(model).join();
            try (var files = Files.list(data.resolve("test_set/cats"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, input.resolve(f.getFileName()));
                }
            }
            try (var files = Files.list(data.resolve("test_set/dogs"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, input.resolve("nested").resolve(f.getFileName()));
                }
            }
            // A JPEG cut in half decodes (grey below the cut): predicted, and marked damaged everywhere.
            byte[] whole = Files.readAllBytes(
                    TestImages.write(dir.resolve("whole-dog.jpg"), TestImages.image("dogs", new Random(2)), "jpg"));
            Files.write(input.resolve("halfway.jpg"), Arrays.copyOf(whole, whole.length / 2));
            List<Path> good = ImageFiles.list(input, true);
            service.predictFiles("expected", good, new FileResults() {
                        @Override
                        public void predicted(Path file, Prediction p) {
                            expected.put(file.toAbsolutePath().toString(), p);
                        }

                        @Override
                        public void failed(Path file, String reason) {
                            throw new AssertionError(file + ": " + reason);
                        }
                    })
                    .join();
        }
        byte[] jpeg = Files.readAllBytes(
                TestImages.write(dir.resolve("whole.jpg"), TestImages.image("cats", new Random(1)), "jpg"));
        Files.write(input.resolve("truncated.jpg"), Arrays.copyOf(jpeg, 40));
        Files.writeString(input.resolve("notes.jpg"), "this is text, not a photo");
        Files.write(input.resolve("empty.jpg"), new byte[0]);
        Files.writeString(input.resolve("readme.txt"), "not listed: no image extension");
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void brokenFilesBecomeErrorRowsAndEveryGoodImageGetsTheDesktopsAnswer() {
        String out = dir.resolve("out.parquet").toString();
        SparkPredict.Summary summary =
                SparkPredict.run(spark, model, null, input.toString(), out, SparkPredict.Format.PARQUET);

        assertThat(summary.files()).isEqualTo(expected.size() + 3);
        assertThat(summary.failed()).isEqualTo(3);
        List<Row> rows = spark.read().parquet(out).collectAsList();
        assertThat(rows).hasSize(expected.size() + 3);
        Map<String, String> errors = new HashMap<>();
        for (Row r : rows) {
            String local = localPath(r.getAs("path"));
            String error = r.getAs("error");
            if (error != null) {
                assertThat((String) r.getAs("label")).isNull();
                errors.put(Path.of(local).getFileName().toString(), error);
                continue;
            }
            Prediction p = expected.get(local);
            assertThat(p).as(local).isNotNull();
            assertThat((String) r.getAs("label")).isEqualTo(p.label());
            scala.collection.Map<String, Float> probabilities = r.getAs("probabilities"); // fqn: java.util.Map imported
            p.asMap()
                    .forEach(
                            (cls, value) -> assertThat(probabilities.apply(cls)).isCloseTo(value, within(1e-4f)));
            assertThat((Boolean) r.getAs("unfamiliar")).isEqualTo(p.unfamiliar());
            assertThat((Boolean) r.getAs("damaged")).as(local).isEqualTo(p.damaged());
            assertThat((String) r.getAs("damage")).isEqualTo(p.damage());
        }
        assertThat(expected.values().stream().filter(Prediction::damaged).map(Prediction::source))
                .singleElement()
                .asString()
                .endsWith("halfway.jpg");
        assertThat(errors).containsOnlyKeys("truncated.jpg", "notes.jpg", "empty.jpg");
        assertThat(errors.get("notes.jpg")).contains("not an image");
        assertThat(errors.values()).allSatisfy(e -> assertThat(e).isNotBlank().doesNotContain("Exception"));
    }

    @Test
    void csvHasOneProbabilityColumnPerClass() {
        String out = dir.resolve("out.csv").toString();
        SparkPredict.run(spark, model, null, input.toString(), out, SparkPredict.Format.CSV);

        var table = spark.read().option("header", "true").csv(out);
        assertThat(table.columns())
                .containsExactly(
                        "path",
                        "label",
                        "p_cats",
                        "p_dogs",
                        "unfamiliar",
                        "novelty_score",
                        "novelty_threshold",
                        "damaged",
                        "damage",
                        "error");
        assertThat(table.count()).isEqualTo(expected.size() + 3);
        assertThat(table.where("error is not null").count()).isEqualTo(3);
    }

    /**
     * Names that broke the job (a space, %, #, ?), unicode, a leading dash, a literal "%20", and a link
     * to the parent folder (a loop): every file once, under its exact name, none an error. Then the
     * output rules: an existing table needs --overwrite, a table holding a file of the user's is never
     * replaced, and an output that is, holds or lies inside the input is refused, with nothing lost.
     */
    @Test
    void anyFileNameWorksLinksAreNotFollowedAndNoOutputLosesAFile() throws IOException {
        Path odd = dir.resolve("odd names");
        Path sub = Files.createDirectories(odd.resolve("sub"));
        Path good;
        try (var files = Files.list(input)) {
            good = files.filter(f -> expected.containsKey(f.toAbsolutePath().toString()))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> names = List.of(
                "cat 1.jpg", "100%.jpg", "#1.jpg", "what?.jpg", "a%20b.jpg", "ünïcödé 猫.jpg", "-leading.jpg", "=x.jpg");
        for (String name : names) {
            Files.copy(good, odd.resolve(name));
        }
        Files.copy(good, sub.resolve("photo.jpg"));
        Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));

        // The model folder's name is odd too: its files travel to the executors by name.
        Path oddModel = Files.createDirectories(dir.resolve("model #1 100%"));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, oddModel.resolve(f.getFileName()));
            }
        }
        String out = dir.resolve("odd-out").toString();
        SparkPredict.Summary summary =
                SparkPredict.run(spark, oddModel, null, odd.toString(), out, SparkPredict.Format.PARQUET);
        assertThat(summary.files()).isEqualTo(names.size() + 1);
        assertThat(summary.failed()).isZero();
        List<Row> rows = spark.read().parquet(out).collectAsList();
        Set<String> paths = new HashSet<>();
        for (Row r : rows) {
            assertThat((String) r.getAs("error")).as((String) r.getAs("path")).isNull();
            paths.add(r.getAs("path"));
        }
        Set<String> want = new HashSet<>();
        names.forEach(n -> want.add("file:" + odd.resolve(n).toAbsolutePath()));
        want.add("file:" + sub.resolve("photo.jpg").toAbsolutePath());
        assertThat(rows).hasSize(want.size());
        assertThat(paths).isEqualTo(want);

        // The same output again: refused without --overwrite, naming the path and the flag.
        assertThatThrownBy(() -> SparkPredict.run(spark, model, null, odd.toString(), out, SparkPredict.Format.PARQUET))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(out)
                .hasMessageContaining("--overwrite");
        SparkPredict.run(spark, model, null, odd.toString(), out, SparkPredict.Format.CSV, true);
        assertThat(spark.read().option("header", "true").csv(out).count()).isEqualTo(want.size());
        assertThat(Path.of(out).resolve("_SUCCESS")).exists();

        // A file of the user's in the output: never replaced, not even with --overwrite.
        Files.writeString(Path.of(out).resolve("notes.txt"), "mine");
        assertThatThrownBy(() ->
                        SparkPredict.run(spark, model, null, odd.toString(), out, SparkPredict.Format.PARQUET, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("--overwrite");
        assertThat(Path.of(out).resolve("notes.txt")).hasContent("mine");

        // The input itself, a folder inside it and a folder holding it: refused, every photo kept.
        for (Path bad : List.of(odd, odd.resolve("predictions"), dir)) {
            assertThatThrownBy(() -> SparkPredict.run(
                            spark, model, null, odd.toString(), bad.toString(), SparkPredict.Format.PARQUET, true))
                    .as(bad.toString())
                    .isInstanceOf(CatdogException.class)
                    .hasMessageContaining("input");
        }
        for (String name : names) {
            assertThat(odd.resolve(name)).exists();
        }
        assertThat(odd.resolve("predictions")).doesNotExist();
    }

    @Test
    void csvTextThatASpreadsheetWouldRunIsGuarded() {
        var rows = List.of(
                RowFactory.create("=1+1"),
                RowFactory.create("-cat.jpg"),
                RowFactory.create("@SUM(A1)"),
                RowFactory.create("'quoted"),
                RowFactory.create("file:/x/=y.jpg"));
        var table = spark.createDataFrame(rows, new StructType().add("path", DataTypes.StringType));
        List<String> guarded = table.select(SparkPredict.guarded("path")).collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
        assertThat(guarded).containsExactly("'=1+1", "'-cat.jpg", "'@SUM(A1)", "''quoted", "file:/x/=y.jpg");
    }

    static String localPath(String path) {
        Path local = SparkPaths.local(path);
        return local != null ? local.toString() : path;
    }
}
