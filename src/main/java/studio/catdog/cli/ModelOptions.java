package studio.catdog.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.service.ModelFolders;
import studio.catdog.core.service.ModelService;

/**
 * The options every command that uses a saved model shares: the model folder, its backbone if it moved,
 * and the device.
 */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model folder.")
    Path model;

    @Option(
            names = "--backbone",
            paramLabel = "ID|FILE",
            description = "The backbone file, if it moved since training; "
                    + "or the pinned id the model names (e.g. resnet50-onnx), to download it when it is missing.")
    String backbone;

    @CommandLine.Mixin
    DeviceOptions deviceOptions;

    /** Applies the device choice, then loads the model (and the backbone it needs) into the service. */
    void load(ModelService service) {
        ConsoleProgress progress = ConsoleProgress.stderr();
        deviceOptions.apply(progress);
        service.loadModel(model, backbone == null ? null : BackboneSpec.parse(backbone))
                .await();
        noticeIfUnsealed(model, progress);
    }

    /** One line on stderr for a model saved before model.json was sealed (it opens all the same). */
    static void noticeIfUnsealed(Path model, ConsoleProgress progress) {
        if (!ModelFolders.isSealed(model)) {
            progress.message(ModelFolders.unsealedNotice(model));
        }
    }
}
