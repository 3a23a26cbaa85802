package studio.catdog.core.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import studio.catdog.core.CatdogException;

/**
 * What the user asked for as a backbone: the model-zoo ResNet50, the built-in MobileNetV2, a local
 * model file, or the tiny in-code backbone used by tests.
 *
 * @param kind the kind
 * @param file the model file, for {@link Kind#ONNX_FILE} and {@link Kind#TORCHSCRIPT_FILE}
 */
public record BackboneSpec(Kind kind, Path file) {

    /** The kinds of backbone. */
    public enum Kind {
        /** ImageNet ResNet50 from DJL's model zoo, downloaded once and cached. */
        RESNET50,
        /** A local ONNX model, run by ONNX Runtime. */
        ONNX_FILE,
        /** A local TorchScript model, run by PyTorch. */
        TORCHSCRIPT_FILE,
        /** A tiny deterministic backbone built in code, for tests and demos. */
        TINY,
        /** MobileNetV2 (int8 ONNX) shipped inside the application: works offline. */
        BUILTIN
    }

    /** The text that names the default backbone. */
    public static final String RESNET50 = "resnet50";
    /** The text that names the tiny in-code backbone. */
    public static final String TINY = "tiny";
    /** The text that names the built-in MobileNetV2. */
    public static final String BUILTIN = "builtin";

    /** The choices, for help and error messages. */
    public static final String CHOICES =
            "'builtin' (MobileNetV2, built in, works offline), "
                    + "'resnet50' (ImageNet ResNet50, downloaded once from the DJL model zoo), "
                    + "a local ONNX model file (.onnx) or a local TorchScript file (.pt)";

    /** @return the default: ResNet50 from the model zoo */
    public static BackboneSpec resnet50() {
        return new BackboneSpec(Kind.RESNET50, null);
    }

    /** @return the tiny in-code backbone */
    public static BackboneSpec tiny() {
        return new BackboneSpec(Kind.TINY, null);
    }

    /** @return the built-in MobileNetV2 */
    public static BackboneSpec builtin() {
        return new BackboneSpec(Kind.BUILTIN, null);
    }

    /**
     * Parses the user's text: {@code resnet50}, {@code builtin}, {@code tiny} or a path to a {@code .onnx} or
     * {@code .pt} file.
     *
     * @param text the user's choice
     * @return the spec
     * @throws CatdogException with the choices when the text names none of them
     */
    public static BackboneSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase(RESNET50)) {
            return resnet50();
        }
        if (t.equalsIgnoreCase(TINY)) {
            return tiny();
        }
        if (t.equalsIgnoreCase(BUILTIN)) {
            return builtin();
        }
        Path file = Path.of(t);
        String name = file.getFileName() == null ? t : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Kind kind;
        if (name.endsWith(".onnx")) {
            kind = Kind.ONNX_FILE;
        } else if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
            kind = Kind.TORCHSCRIPT_FILE;
        } else {
            throw new CatdogException("Unknown backbone '" + t + "'. Choose " + CHOICES + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("The backbone file " + file + " does not exist. Choose " + CHOICES + ".");
        }
        return new BackboneSpec(kind, file.toAbsolutePath().normalize());
    }

    /** @return the text form that {@link #parse} reads back */
    public String text() {
        return switch (kind) {
            case RESNET50 -> RESNET50;
            case TINY -> TINY;
            case BUILTIN -> BUILTIN;
            default -> file.toString();
        };
    }
}
