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

    /**
     * What every job command shares: the Spark session of the parent command, the JSON summary as the last
     * line (exit code 0), and a failure as one {@code {"error": ...}} line (exit code 1).
     */
    abstract static class JobCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatdogSpark parent;

        private final String verb;

        JobCommand(String verb) {
            this.verb = verb;
        }

        /** @return the job's session, made (or found) when the job asks for it */
        SparkSession session() {
            return parent.session(verb);
        }

        /**
         * Runs the job.
         *
         * @return its summary, printed as JSON
         * @throws CatdogException when it fails, with a plain reason
         */
        abstract Object run();

        @Override
        public final Integer call() {
            try {
                return finish(run());
            } catch (CatdogException e) {
                return failed(e);
            }
        }
    }

    /** The {@code --feature-layer} option of extract and train. */
    static final class FeatureLayerOption {
        @Option(names = "--feature-layer", paramLabel = "pooled|logits", description = "Default: ${DEFAULT-VALUE}.")
        String layer = "pooled";

        FeatureLayer parse() {
            return FeatureLayer.parse(layer);
        }
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
    static final class Predict extends JobCommand {

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

        Predict() {
            super("predict");
        }

        @Override
        Object run() {
            return SparkPredict.run(
                    session(),
                    model,
                    backbone == null ? null : BackboneSpec.parse(backbone),
                    input,
                    output,
                    SparkPredict.format(format),
                    overwrite);
        }
    }

    @Command(
            name = "extract",
            mixinStandardHelpOptions = true,
            description = "Backbone features of a data set into a feature table; a re-run adds only what is missing.")
    static final class Extract extends JobCommand {

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

        @CommandLine.Mixin
        FeatureLayerOption layer;

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

        Extract() {
            super("extract");
        }

        @Override
        Object run() {
            return SparkExtract.run(session(), data, BackboneSpec.parse(backbone), layer.parse(), output, overwrite);
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train a head from a feature table and write a model folder that the app and catdog open.")
    static final class Train extends JobCommand {

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

        @CommandLine.Mixin
        FeatureLayerOption layer;

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

        Train() {
            super("train");
        }

        @Override
        Object run() {
            TrainingSettings settings = TrainingSettings.defaults().withFeatureLayer(layer.parse());
            if (epochs != null) {
                settings = settings.withEpochs(epochs);
            }
            if (seed != null) {
                settings = settings.withSeed(seed);
            }
            return SparkTrain.run(
                    session(), features, BackboneSpec.parse(backbone), layer.parse(), settings, model, overwrite);
        }
    }
}
