package studio.catdog.core.backbone;

/**
 * The backbone graph chosen for feature extraction: the model to load and the layer it gives.
 *
 * @param model the ONNX model bytes (the input bytes when nothing was changed)
 * @param layer the layer its first output holds
 * @param tensor the name of the tensor the features are read from, before flattening
 */
public record FeatureGraphSelection(byte[] model, FeatureLayer layer, String tensor) {}
