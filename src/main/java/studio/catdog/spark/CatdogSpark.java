package studio.catdog.spark;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.FeatureLayer;
import studio.catdog.core.training.TrainingSettings;

/**
 * The Spark entry point ({@code spark-submit --class studio.catdog.spark.CatdogSpark}, or
 * {@code spark/run-local.sh}): {@code predict}, {@code extract} and {@code train}, each printing one
 * JSON summary as its last line; exit code 0 on success, 1 on failure, 2 for wrong usage.
 */
@Command(
        name = "catdog-spark",
        mixinStandardHelpOptions = true,
        subcommands = {CatdogSpark.Predict.class, CatdogSpark.Extract.class, CatdogSpark.Train.class},
        description = "CatDog Studio's extract, train and predict as Apache Spark jobs.")
public final class CatdogSpark {

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master when not started by spark-submit (default: spark.master, else local[*]).")
    String master;

    /**
     * Runs a command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CatdogSpark()).execute(args));
    }

    private SparkSession session(String verb) {
        SparkSession.Builder b =
                SparkSession.builder().appName("catdog " + verb).config(Shipping.ISOLATION, "false");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        return b.getOrCreate();
    }

    private static int finish(Object summary) {
        System.out.println(new GsonBuilder()
                .disableHtmlEscaping()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(summary));
        return 0;
    }

    private static int failed(RuntimeException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("error", Failures.describe(e));
        System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(line));
        if (Failures.isUnexpected(e)) {
            LoggerFactory.getLogger(CatdogSpark.class).error("job failed", Failures.unwrap(e));
        }
        return 1;
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description =
                    "Predict every image under --input into a table: path, label, probabilities, unfamiliar, error.")
    static final class Predict implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatdogSpark parent;

        @Option(names = "--model", required = true, paramLabel = "M", description = "Model folder (on the driver).")
        Path model;

        @Option(names = "--backbone", paramLabel = "ID|FILE", description = "Backbone instead of the recorded one.")
        String backbone;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "DIR|URI",
                description = "Images: folder, hdfs://, s3a://...")
        String input;

        @Option(names = "--output", required = true, paramLabel = "DIR|URI", description = "Table to write.")
        String output;

        @Option(
                names = "--overwrite",
                description =
                        "Replace an earlier table at --output (a folder holding anything else is never replaced).")
        boolean overwrite;

        @Option(
                names = "--format",
                paramLabel = "parquet|csv",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String format = "parquet";

        @Override
        public Integer call() {
            try {
                SparkSession spark = parent.session("predict");
                SparkPredict.Summary s = SparkPredict.run(
                        spark,
                        model,
                        backbone == null ? null : BackboneSpec.parse(backbone),
                        input,
                        output,
                        SparkPredict.format(format),
                        overwrite);
                return finish(s);
            } catch (CatdogException e) {
                return failed(e);
            }
        }
    }

    @Command(
            name = "extract",
            mixinStandardHelpOptions = true,
            description = "Backbone features of a data set into a feature table; a re-run adds only what is missing.")
    static final class Extract implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatdogSpark parent;

        @Option(
                names = "--data",
                required = true,
                paramLabel = "DIR|URI",
                description = "Data set: class folders or training_set/test_set.")
        String data;

        @Option(
                names = "--backbone",
                paramLabel = "ID|FILE",
                description = "builtin, resnet50-onnx, resnet50-onnx-int8 or a .onnx file (default: ${DEFAULT-VALUE}).")
        String backbone = "builtin";

        @Option(names = "--feature-layer", paramLabel = "pooled|logits", description = "Default: ${DEFAULT-VALUE}.")
        String layer = "pooled";

        @Option(
                names = "--output",
                required = true,
                paramLabel = "DIR|URI",
                description = "Feature table (Parquet), created or added to.")
        String output;

        @Option(
                names = "--overwrite",
                description = "Start the feature table anew instead of adding to it (only a Spark table is replaced).")
        boolean overwrite;

        @Override
        public Integer call() {
            try {
                return finish(SparkExtract.run(
                        parent.session("extract"),
                        data,
                        BackboneSpec.parse(backbone),
                        FeatureLayer.parse(layer),
                        output,
                        overwrite));
            } catch (CatdogException e) {
                return failed(e);
            }
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train a head from a feature table and write a model folder that the app and catdog open.")
    static final class Train implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatdogSpark parent;

        @Option(
                names = "--features",
                required = true,
                paramLabel = "DIR|URI",
                description = "The feature table written by extract.")
        String features;

        @Option(
                names = "--backbone",
                paramLabel = "ID|FILE",
                description = "The backbone the features came from (default: ${DEFAULT-VALUE}).")
        String backbone = "builtin";

        @Option(names = "--feature-layer", paramLabel = "pooled|logits", description = "Default: ${DEFAULT-VALUE}.")
        String layer = "pooled";

        @Option(names = "--epochs", paramLabel = "N", description = "Default: the app's.")
        Integer epochs;

        @Option(names = "--seed", paramLabel = "N", description = "Default: the app's.")
        Long seed;

        @Option(
                names = "--model",
                required = true,
                paramLabel = "OUT",
                description = "Model folder to write (on the driver).")
        Path model;

        @Option(
                names = "--overwrite",
                description = "Replace an earlier model folder at --model (a folder holding anything else is never "
                        + "replaced).")
        boolean overwrite;

        @Override
        public Integer call() {
            try {
                TrainingSettings settings = TrainingSettings.defaults().withFeatureLayer(FeatureLayer.parse(layer));
                if (epochs != null) {
                    settings = settings.withEpochs(epochs);
                }
                if (seed != null) {
                    settings = settings.withSeed(seed);
                }
                return finish(SparkTrain.run(
                        parent.session("train"),
                        features,
                        BackboneSpec.parse(backbone),
                        FeatureLayer.parse(layer),
                        settings,
                        model,
                        overwrite));
            } catch (CatdogException e) {
                return failed(e);
            }
        }
    }
}
