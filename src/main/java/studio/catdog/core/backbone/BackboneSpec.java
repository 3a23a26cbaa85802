package studio.catdog.core.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import studio.catdog.core.CatdogException;

/**
 * What the user asked for as a backbone: a pinned ResNet50 (downloaded once, verified), the built-in
 * MobileNetV2, a local model file, or the tiny in-code backbone used by tests.
 *
 * @param kind the kind
 * @param file the model file, for {@link Kind#ONNX_FILE} and {@link Kind#TORCHSCRIPT_FILE}
 */
public record BackboneSpec(Kind kind, Path file) {

    /** The kinds of backbone. */
    public enum Kind {
        /**
         * {@code resnet50}: the ResNet50 form this machine runs fastest, chosen when it is opened
         * ({@link #defaultResNet50}).
         */
        RESNET50,
        /** {@code resnet50-onnx}: ONNX Model Zoo ResNet50 v1 fp32, pinned, run by ONNX Runtime. */
        RESNET50_ONNX,
        /** {@code resnet50-onnx-int8}: the same network quantized to int8, pinned, run by ONNX Runtime. */
        RESNET50_ONNX_INT8,
        /** {@code resnet50-torchscript}: DJL's traced ResNet50, pinned, run by PyTorch (the GPU's form). */
        RESNET50_TORCHSCRIPT,
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
    public static final String CHOICES = "'builtin' (MobileNetV2, built in, works offline), "
            + "'resnet50' (ImageNet ResNet50, downloaded once and verified: the fastest form for this machine), "
            + "'resnet50-onnx', 'resnet50-onnx-int8', 'resnet50-torchscript', "
            + "a local ONNX model file (.onnx) or a local TorchScript file (.pt)";

    /** @return the default: ResNet50 in the form this machine runs fastest */
    public static BackboneSpec resnet50() {
        return new BackboneSpec(Kind.RESNET50, null);
    }

    /**
     * What {@code resnet50} stands for: on a machine where PyTorch runs on an NVIDIA GPU, DJL's
     * TorchScript ResNet50 on the GPU; on a CPU, the ONNX Model Zoo int8 file in ONNX Runtime, the
     * fastest verified form measured on the CPU (end to end 91 images/s against 34 for the fp32 file
     * and 26 for the Python eager script, see BENCHMARKS.md). The fp32 file stays available by name.
     *
     * @param gpu whether PyTorch runs on a GPU
     * @return the concrete pinned backbone
     */
    public static BackboneSpec defaultResNet50(boolean gpu) {
        // On a CPU the int8 file runs 2.7x the fp32 one end to end here (BENCHMARKS.md, issue 11) for 0.2
        // points of ImageNet top-1 (74.77 % against 74.97 %, as the ONNX Model Zoo reports).
        return new BackboneSpec(gpu ? Kind.RESNET50_TORCHSCRIPT : Kind.RESNET50_ONNX_INT8, null);
    }

    /**
     * @param id a catalogue id ({@link ModelSources#RESNET50_ONNX} and the others)
     * @return the spec of that pinned backbone
     * @throws CatdogException when the id names none
     */
    public static BackboneSpec pinned(String id) {
        for (Kind k : Kind.values()) {
            if (pinnedId(k) != null && pinnedId(k).equals(id)) {
                return new BackboneSpec(k, null);
            }
        }
        throw new CatdogException("Unknown backbone '" + id + "'. Choose " + CHOICES + ".");
    }

    private static String pinnedId(Kind kind) {
        return switch (kind) {
            case RESNET50_ONNX -> ModelSources.RESNET50_ONNX;
            case RESNET50_ONNX_INT8 -> ModelSources.RESNET50_ONNX_INT8;
            case RESNET50_TORCHSCRIPT -> ModelSources.RESNET50_TORCHSCRIPT;
            default -> null;
        };
    }

    /** @return whether this names one pinned, downloadable file (not the {@code resnet50} alias) */
    public boolean isPinned() {
        return pinnedId(kind) != null;
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
     * Parses the user's text: {@code resnet50}, a pinned id such as {@code resnet50-onnx},
     * {@code builtin}, {@code tiny}, or a path to a {@code .onnx} or {@code .pt} file.
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
        for (Kind k : Kind.values()) {
            if (pinnedId(k) != null && pinnedId(k).equalsIgnoreCase(t)) {
                return new BackboneSpec(k, null);
            }
        }
        Path file = Path.of(t);
        String name =
                file.getFileName() == null ? t : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Kind kind;
        if (name.endsWith(".onnx")) {
            kind = Kind.ONNX_FILE;
        } else if (isTorchScriptFileName(name)) {
            kind = Kind.TORCHSCRIPT_FILE;
        } else {
            throw new CatdogException("Unknown backbone '" + t + "'. Choose " + CHOICES + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new CatdogException("The backbone file " + file + " does not exist. Choose " + CHOICES + ".");
        }
        return new BackboneSpec(kind, file.toAbsolutePath().normalize());
    }

    /**
     * Whether a file name is one that {@link #parse} takes for a TorchScript model.
     *
     * @param fileName a file name or path, any case
     * @return true for {@code .pt}, {@code .pth} and {@code .torchscript}
     */
    public static boolean isTorchScriptFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript");
    }

    /** @return the text form that {@link #parse} reads back */
    public String text() {
        return switch (kind) {
            case RESNET50 -> RESNET50;
            case RESNET50_ONNX, RESNET50_ONNX_INT8, RESNET50_TORCHSCRIPT -> pinnedId(kind);
            case TINY -> TINY;
            case BUILTIN -> BUILTIN;
            default -> file.toString();
        };
    }
}
