package studio.catdog.core.backbone;

import java.io.IOException;
import java.io.InputStream;
import studio.catdog.core.CatdogException;

/**
 * The backbone shipped inside the application, so that it works on first start with no network:
 * MobileNetV2 1.0, int8, from the ONNX Model Zoo (Apache-2.0; the notice is beside the resource and
 * in the README). It is read from the class path and checked against its SHA-256 every time: a
 * damaged jar fails with a plain message instead of giving wrong features.
 */
public final class BuiltinBackbone {

    /** The class-path resource. */
    public static final String RESOURCE = "/studio/catdog/backbones/mobilenetv2-12-int8.onnx";
    /** SHA-256 of the resource: its identity in saved models. */
    public static final String SHA256 = "cc028fe6cae7bc11a4ff53cfc9b79c920e8be65ce33a904ec3e2a8f66d77f95f";
    /** Its display name. */
    public static final String NAME = "MobileNetV2, built in, works offline";
    /** Where it comes from, as recorded in saved models. */
    public static final String SOURCE = "built in: ONNX Model Zoo mobilenetv2-12-int8.onnx (Apache-2.0)";

    private BuiltinBackbone() {}

    /**
     * Reads the model from the class path and verifies it.
     *
     * @return the ONNX model bytes
     * @throws CatdogException when the resource is missing or damaged
     */
    public static byte[] bytes() {
        byte[] model;
        try (InputStream in = BuiltinBackbone.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CatdogException("The built-in backbone is missing from this installation (" + RESOURCE
                        + "); reinstall CatDog Studio or choose another backbone.");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new CatdogException("The built-in backbone could not be read: " + e.getMessage(), e);
        }
        String actual = BackboneFactory.sha256(model);
        if (!SHA256.equals(actual)) {
            throw new CatdogException("The built-in backbone is damaged (SHA-256 " + actual + ", expected " + SHA256
                    + "); reinstall CatDog Studio or choose another backbone.");
        }
        return model;
    }
}
