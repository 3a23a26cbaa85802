package studio.catdog.core.storage;

/**
 * The backbone identity recorded in {@code model.json}.
 *
 * @param kind resnet50, builtin, onnx, torchscript or tiny
 * @param name display name
 * @param source file path or model-zoo URL
 * @param sha256 checksum of the backbone model
 * @param featureDim feature length
 * @param featureLayer which activations were used: pooled or logits (output in older models: the logits)
 */
public record ManifestBackbone(
        String kind, String name, String source, String sha256, int featureDim, String featureLayer) {}
