package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.service.ModelService;

/** {@code catdog predict}: one JSON line per image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of each FILE with a saved model. Prints one JSON line per file; "
                + "exit code 0 when every file was predicted, 1 when any failed, 2 for wrong usage.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model folder.")
    Path model;

    @Option(names = "--backbone", paramLabel = "FILE", description = "The backbone file, if it moved since training.")
    String backbone;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files.")
    List<Path> files;

    @Override
    public Integer call() {
        try (ModelService service = ModelService.createDefault()) {
            service.loadModel(model, backbone == null ? null : BackboneSpec.parse(backbone)).join();
            int failed = 0;
            for (Path file : files) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("file", file.toString());
                try {
                    Prediction p = service.predict(file).join();
                    line.put("label", p.label());
                    line.put("probabilities", p.asMap());
                } catch (RuntimeException e) {
                    Throwable cause = CatdogCli.unwrap(e);
                    if (!(cause instanceof CatdogException)) {
                        org.slf4j.LoggerFactory.getLogger(PredictCommand.class).error("prediction failed for {}", file, cause);
                    }
                    line.put("error", cause instanceof CatdogException ? cause.getMessage() : "unexpected failure: " + cause);
                    failed++;
                }
                System.out.println(Json.line(line));
            }
            return failed == 0 ? 0 : CatdogCli.EXIT_FAILED;
        }
    }
}
