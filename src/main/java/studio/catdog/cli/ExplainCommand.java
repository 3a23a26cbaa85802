package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.catdog.core.CatdogException;
import studio.catdog.core.JsonLines;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.Saliency;
import studio.catdog.core.prediction.SaliencyOverlay;
import studio.catdog.core.service.ModelService;

/** {@code catdog explain}: which parts of an image the answer depends on, drawn over it. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain a prediction by occlusion: writes the image with a heat map over the parts the answer "
                + "depends on.")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "Where to write the overlay image.")
    Path out;

    @Parameters(index = "0", paramLabel = "FILE", description = "The image.")
    Path file;

    @Override
    public Integer call() throws Exception {
        try (ModelService service = ModelService.createDefault(modelOptions.deviceOptions.trust())) {
            modelOptions.load(service);
            byte[] bytes = ImageDecoder.readBytes(file);
            Prediction p = service.predict(bytes, file.toString()).await();
            Saliency s = service.explain(bytes, file.getFileName().toString()).await();
            if (!ImageIO.write(SaliencyOverlay.overlay(ImageDecoder.decode(bytes), s), "png", out.toFile())) {
                throw new CatdogException("Cannot write " + out);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("label", p.label());
            json.put("probabilities", p.asMap());
            json.put("explained", s.className());
            json.put("grid", s.grid());
            json.put("overlay", out.toString());
            System.out.println(JsonLines.write(json));
            return 0;
        }
    }
}
