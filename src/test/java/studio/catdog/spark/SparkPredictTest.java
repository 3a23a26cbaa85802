package studio.catdog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/** Spark {@code predict} in {@code local[2]} on generated images, with broken files among them. */
class SparkPredictTest {

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
            byte[] whole = Files.readAllBytes(TestImages.write(
                    dir.resolve("whole-dog.jpg"), TestImages.image("dogs", new java.util.Random(2)), "jpg"));
            Files.write(input.resolve("halfway.jpg"), java.util.Arrays.copyOf(whole, whole.length / 2));
            List<Path> good = studio.catdog.core.image.ImageFiles.list(input, true);
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
                TestImages.write(dir.resolve("whole.jpg"), TestImages.image("cats", new java.util.Random(1)), "jpg"));
        Files.write(input.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, 40));
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
            scala.collection.Map<String, Float> probabilities = r.getAs("probabilities");
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

    static String localPath(String uri) {
        return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)).toString() : uri;
    }
}
