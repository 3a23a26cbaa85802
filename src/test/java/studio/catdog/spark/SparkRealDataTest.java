package studio.catdog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.cli.CatdogCli;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.prediction.PredictionCsv;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;

/**
 * The Spark jobs against {@code catdog} itself on the real cat-and-dog photos in ../shared (4,000
 * training, 2,000 test images), built-in MobileNetV2, one {@code local[2]} session for the class.
 * Skipped, with the reason, where ../shared is absent.
 */
class SparkRealDataTest {

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path data;
    private static Path singleMachineModel;
    private static double singleMachineAccuracy;

    @BeforeAll
    static void trainOnOneMachine() {
        data = TestImages.shared().resolve("data/cats-and-dogs");
        if (!present()) {
            return; // each test then says why it is skipped (an assumption here would hide the tests)
        }
        singleMachineModel = dir.resolve("single-machine-model");
        Cli train = Cli.run(
                "train", "--data", data.toString(), "--backbone", "builtin", "--model", singleMachineModel.toString());
        assertThat(train.code).as(train.out).isZero();
        singleMachineAccuracy = train.lastJson().get("testAccuracy").getAsDouble();
        spark = LocalSpark.start();
    }

    private static boolean present() {
        return Files.isDirectory(data.resolve("test_set"));
    }

    @BeforeEach
    void needsTheRealData() {
        assumeTrue(present(), "skipped: " + data + " is not present (real data lives in ../shared)");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void predictGivesCatdogPredictsLabelForEveryTestImageAndItsProbabilitiesWithin1e4() throws IOException {
        Path csv = dir.resolve("catdog-predict.csv");
        Cli predict = Cli.run(
                "predict",
                "--model",
                singleMachineModel.toString(),
                "--recursive",
                data.resolve("test_set").toString(),
                "--csv",
                csv.toString());
        assertThat(predict.code).as(predict.out).isZero();
        Map<String, List<String>> single = new HashMap<>();
        List<List<String>> records = PredictionCsv.read(Files.readString(csv)).records();
        List<String> header = records.get(0);
        for (List<String> r : records.subList(1, records.size())) {
            single.put(Path.of(r.get(0)).toAbsolutePath().normalize().toString(), r);
        }
        assertThat(single).hasSize(2000);

        String out = dir.resolve("spark-predictions").toString();
        SparkPredict.Summary summary = SparkPredict.run(
                spark, singleMachineModel, null, data.resolve("test_set").toString(), out, SparkPredict.Format.PARQUET);
        assertThat(summary.files()).isEqualTo(2000);
        assertThat(summary.failed()).isZero();

        double worst = 0;
        int sameLabel = 0;
        for (Row r : spark.read().parquet(out).collectAsList()) {
            List<String> expected = single.get(Path.of(SparkPredictCases.localPath(r.getAs("path")))
                    .normalize()
                    .toString());
            assertThat(expected).as((String) r.getAs("path")).isNotNull();
            assertThat((String) r.getAs("label")).as((String) r.getAs("path")).isEqualTo(expected.get(1));
            sameLabel++;
            scala.collection.Map<String, Float> p = r.getAs("probabilities"); // fqn: java.util.Map is imported
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).startsWith("p_")) {
                    worst = Math.max(
                            worst, Math.abs(p.apply(header.get(c).substring(2)) - Double.parseDouble(expected.get(c))));
                }
            }
            assertThat((Boolean) r.getAs("unfamiliar"))
                    .isEqualTo(Boolean.parseBoolean(expected.get(header.indexOf("unfamiliar"))));
        }
        System.out.printf(
                Locale.ROOT,
                "REAL DATA Spark predict: %d of 2000 labels as catdog predict, "
                        + "largest probability difference %.2e%n",
                sameLabel,
                worst);
        assertThat(sameLabel).isEqualTo(2000);
        assertThat(worst).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void extractAndTrainGiveAModelThatCatdogEvaluateScoresWithinHalfAPointOfTheSingleMachineOne() {
        String table = dir.resolve("features").toString();
        SparkExtract.Summary extracted =
                SparkExtract.run(spark, data.toString(), BackboneSpec.builtin(), FeatureLayer.POOLED, table);
        assertThat(extracted.listed()).isEqualTo(6000);
        assertThat(extracted.failed()).isZero();
        Path model = dir.resolve("spark-model");
        SparkTrain.Summary trained = SparkTrain.run(
                spark, table, BackboneSpec.builtin(), FeatureLayer.POOLED, TrainingSettings.defaults(), model);
        assertThat(trained.trainImages()).isEqualTo(4000);

        Cli evaluate = Cli.run("evaluate", "--data", data.toString(), "--model", model.toString(), "--json");
        assertThat(evaluate.code).as(evaluate.out).isZero();
        double sparkAccuracy = evaluate.lastJson().get("accuracy").getAsDouble();
        System.out.printf(
                Locale.ROOT,
                "REAL DATA Spark extract+train: catdog evaluate %.4f, single machine %.4f%n",
                sparkAccuracy,
                singleMachineAccuracy);
        assertThat(Math.abs(sparkAccuracy - singleMachineAccuracy)).isLessThanOrEqualTo(0.005);
    }

    /** {@code catdog ARGS} in this JVM with its files under the test's own folder. */
    private record Cli(int code, String out) {
        static Cli run(String... args) {
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            try (PropertyOverride home = PropertyOverride.set(
                    "catdog.home", dir.resolve("catdog-home").toString())) {
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                int code = CatdogCli.newCommandLine().execute(args);
                return new Cli(code, captured.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(stdout);
            }
        }

        JsonObject lastJson() {
            List<String> lines = out.lines().toList();
            return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        }
    }
}
