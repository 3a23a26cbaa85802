package studio.catdog.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.service.ModelService;

/** The options every command that uses a saved model shares: the model folder and, if it moved, its backbone. */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model folder.")
    Path model;

    @Option(names = "--backbone", paramLabel = "FILE", description = "The backbone file, if it moved since training.")
    String backbone;

    /** Loads the model (and the backbone it needs) into the service. */
    void load(ModelService service) {
        service.loadModel(model, backbone == null ? null : BackboneSpec.parse(backbone)).await();
    }
}
