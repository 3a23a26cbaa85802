package studio.catdog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.evaluation.EvaluationReport;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Spark {@code extract} (with re-runs) and {@code train} in {@code local[2]} on generated images. */
abstract class SparkExtractTrainCases {

    @TempDir
    static Path dir;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aRerunSkipsWhatTheTableHasAndTheTrainedModelOpensInTheDesktopCore() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("data"), 10, 5, 11);
        Files.writeString(data.resolve("training_set/cats/notes.jpg"), "text, not a photo");
        String table = dir.resolve("features").toString();

        SparkExtract.Summary first =
                SparkExtract.run(spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, table);
        assertThat(first.listed()).isEqualTo(31);
        assertThat(first.alreadyInTable()).isZero();
        assertThat(first.computed()).isEqualTo(31);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(spark.read().parquet(table).count()).isEqualTo(31);

        SparkExtract.Summary again =
                SparkExtract.run(spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, table);
        assertThat(again.alreadyInTable()).isEqualTo(31);
        assertThat(again.computed()).isZero();
        assertThat(again.reusedByContent()).isZero();
        assertThat(spark.read().parquet(table).count()).isEqualTo(31);

        // Two new images and a copy of a known one under a new name: only the two new run the backbone.
        Random random = new Random(99);
        TestImages.write(data.resolve("training_set/dogs/new.1.jpg"), TestImages.image("dogs", random), "jpg");
        TestImages.write(data.resolve("training_set/dogs/new.2.jpg"), TestImages.image("dogs", random), "jpg");
        Files.copy(data.resolve("training_set/cats/cats.0.jpg"), data.resolve("training_set/cats/copy.jpg"));
        SparkExtract.Summary third =
                SparkExtract.run(spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, table);
        assertThat(third.listed()).isEqualTo(34);
        assertThat(third.alreadyInTable()).isEqualTo(31);
        assertThat(third.reusedByContent()).isEqualTo(1);
        assertThat(third.computed()).isEqualTo(2);
        assertThat(spark.read().parquet(table).count()).isEqualTo(34);
        assertThat(spark.read().parquet(table).columns())
                .containsExactly("path", "class", "split", "contentSha256", "backbone", "features", "error");

        Path model = dir.resolve("model");
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(5);
        SparkTrain.Summary trained =
                SparkTrain.run(spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, model);
        assertThat(trained.trainImages()).isEqualTo(23);
        assertThat(trained.testImages()).isEqualTo(10);

        // The folder opens in the desktop's core unchanged, and scores the same there.
        try (ModelService service = TestServices.service(dir.resolve("home"))) {
            service.loadModel(model, null).join();
            Dataset dataset = service.openDataset(data).join();
            EvaluationReport report = service.evaluate(dataset).join();
            assertThat(report.images()).isEqualTo(10);
            assertThat(report.accuracy()).isCloseTo(trained.testAccuracy(), within(1e-9));
        }
    }

    /**
     * extract and train with odd names and links in the data set: every image once, under its exact
     * name (a class folder that is a link is not followed); the feature table is added to but never
     * replaced without --overwrite, never holds the data set, and train's model folder needs
     * --overwrite to replace a model and never replaces anything else.
     */
    @Test
    void oddNamesLinksAndOutputsOfExtractAndTrain() throws IOException {
        Path data = TestImages.splitDataset(dir.resolve("odd data #1"), 6, 3, 5);
        Path cats = data.resolve("training_set/cats");
        Path first;
        try (var files = Files.list(cats)) {
            first = files.sorted().findFirst().orElseThrow();
        }
        for (String name : new String[] {"cat 1.jpg", "100%.jpg", "what?.jpg", "-x.jpg", "ünï.jpg"}) {
            Files.copy(first, cats.resolve(name));
        }
        Files.createSymbolicLink(cats.resolve("loop"), Path.of(".."));
        Files.createSymbolicLink(data.resolve("training_set/linked-class"), cats);
        String table = dir.resolve("odd features").toString();

        SparkExtract.Summary s =
                SparkExtract.run(spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, table);
        assertThat(s.failed()).isZero();
        assertThat(s.listed()).isEqualTo(6 + 6 + 3 + 3 + 5);
        var paths = spark.read().parquet(table).select("path", "class").collectAsList();
        assertThat(paths).hasSize((int) s.listed());
        assertThat(paths.stream().map(r -> r.getString(1)).distinct()).containsExactlyInAnyOrder("cats", "dogs");
        assertThat(paths.stream().map(r -> r.getString(0)))
                .contains("file:" + cats.resolve("100%.jpg").toAbsolutePath())
                .doesNotHaveDuplicates();

        // The data set itself, or a table inside it: refused, nothing written there.
        assertThatThrownBy(() -> SparkExtract.run(
                        spark,
                        data.toString(),
                        BackboneSpec.builtin(),
                        FeatureLayer.POOLED,
                        cats.resolve("t").toString()))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("input");
        assertThat(cats.resolve("t")).doesNotExist();
        // A folder holding a file of the user's is not a feature table: refused, the file kept.
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SparkExtract.run(
                        spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, mine.toString(), true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("notes.txt");
        assertThat(mine.resolve("notes.txt")).hasContent("mine");

        Path model = dir.resolve("odd model");
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(2);
        SparkTrain.run(spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, model);
        assertThatThrownBy(() ->
                        SparkTrain.run(spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, model))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(model.toString())
                .hasMessageContaining("--overwrite");
        SparkTrain.run(spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, model, true);
        assertThatThrownBy(() ->
                        SparkTrain.run(spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, mine, true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("notes.txt");
        assertThatThrownBy(() -> SparkTrain.run(
                        spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, settings, Path.of(table, "m"), true))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("input");
    }
}
