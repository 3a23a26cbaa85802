package studio.catdog.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.JsonLines;
import studio.catdog.core.service.ModelService;

/** {@code catdog export}: backbone and head as one ONNX model, preprocessing beside it. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a model (backbone and head together) as ONNX, with preprocessing.json beside it.")
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write model.onnx and preprocessing.json to.")
    Path out;

    @Option(
            names = "--overwrite",
            description = "Replace an earlier export in --out (a folder holding anything else is never replaced).")
    boolean overwrite;

    @Override
    public Integer call() {
        try (ModelService service = ModelService.createDefault(modelOptions.deviceOptions.trust())) {
            modelOptions.load(service);
            Path dir = service.exportOnnx(out, overwrite).await();
            System.out.println(JsonLines.write(Map.of(
                    "onnx",
                    dir.resolve("model.onnx").toString(),
                    "preprocessing",
                    dir.resolve("preprocessing.json").toString())));
            return 0;
        }
    }
}
