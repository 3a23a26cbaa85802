package studio.catdog.core.backbone;

/**
 * The identity of a backbone, as stored in model files and used in feature cache keys.
 *
 * @param kind {@code resnet50}, {@code builtin}, {@code onnx}, {@code torchscript} or {@code tiny}
 * @param name a display name, e.g. the file name
 * @param source where it came from: a file path, or a model-zoo URL
 * @param sha256 hex SHA-256 of the model file (or of the definition of an in-code backbone)
 * @param featureDim the length of one feature vector
 * @param featureLayer {@code pooled} or {@code logits}: which activations are the features (see
 *     {@link FeatureLayer}; models saved before the choice existed may say {@code output}, the logits)
 * @param engine the DJL engine that runs it
 * @param device the device it runs on, e.g. {@code cpu()} or {@code gpu(0)}
 */
public record BackboneInfo(
        String kind,
        String name,
        String source,
        String sha256,
        int featureDim,
        String featureLayer,
        String engine,
        String device) {

    /**
     * The part of the identity that decides what the features are: same value, same features
     * (the device and the file's location do not matter).
     *
     * @return the identity string
     */
    public String identity() {
        return kind + ":" + sha256 + ":" + featureLayer + ":" + featureDim;
    }
}
