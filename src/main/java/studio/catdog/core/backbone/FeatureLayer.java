package studio.catdog.core.backbone;

import java.util.Locale;
import studio.catdog.core.CatdogException;

/**
 * Which activations of a backbone the head is trained on.
 *
 * <p>The original transfer-learning script replaces ResNet50's final layer, so its head reads the
 * pooled penultimate activations (2048 for ResNet50, 1280 for MobileNetV2), not the 1000 ImageNet
 * logits. ONNX backbones can give either; TorchScript and the zoo ResNet50 give their output (the
 * logits) only, whatever is asked.
 */
public enum FeatureLayer {
    /** The global-average-pooled activations that feed the final classifier. */
    POOLED("pooled"),
    /** The model's own output: the ImageNet logits. */
    LOGITS("logits");

    /**
     * The layer used when nothing else is asked: pooled, measured better on the real data (see
     * BENCHMARKS.md, "Pooled features or logits").
     */
    public static final FeatureLayer DEFAULT = POOLED;

    private final String id;

    FeatureLayer(String id) {
        this.id = id;
    }

    /** @return the name written in model files and JSON: {@code pooled} or {@code logits} */
    public String id() {
        return id;
    }

    /**
     * Parses the user's choice.
     *
     * @param text {@code pooled} or {@code logits}
     * @return the layer
     * @throws CatdogException naming the choices for anything else
     */
    public static FeatureLayer parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (FeatureLayer l : values()) {
            if (l.id.equals(t)) {
                return l;
            }
        }
        throw new CatdogException("Unknown feature layer '" + text + "': use pooled or logits.");
    }

    /**
     * The layer a saved model records. Models saved before the choice existed say {@code output}
     * (their ONNX or TorchScript output: the logits) or nothing.
     *
     * @param recorded the recorded name, may be null
     * @return the layer
     */
    public static FeatureLayer fromRecorded(String recorded) {
        return "pooled".equals(recorded) || "penultimate".equals(recorded) ? POOLED : LOGITS;
    }
}
