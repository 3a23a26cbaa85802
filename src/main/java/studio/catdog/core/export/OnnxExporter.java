package studio.catdog.core.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.CatdogException;
import studio.catdog.core.FileTrees;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.image.Preprocessing;
import studio.catdog.core.model.TrainedHead;
import studio.catdog.core.onnx.Protobuf;
import studio.catdog.core.onnx.ProtobufField;
import studio.catdog.core.onnx.ProtobufWriter;

/**
 * Exports backbone and head together as one ONNX model that maps a preprocessed image batch
 * {@code input [N,3,H,W]} to class probabilities {@code probabilities [N,classes]}, with the
 * preprocessing and class names written beside it in {@code preprocessing.json}. The backbone's own
 * ONNX graph is kept as it is; the head (standardisation, layers, temperature, softmax) is appended to
 * it as ordinary ONNX operators, so any ONNX runtime runs the result.
 */
public final class OnnxExporter {

    /** The exported model's output name. */
    public static final String OUTPUT = "probabilities";

    private static final String MODEL_FILE = "model.onnx";
    private static final String PREPROCESSING_FILE = "preprocessing.json";
    private static final List<String> FILES = List.of(MODEL_FILE, PREPROCESSING_FILE);
    private static final int FLOAT = 1;
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;

    private OnnxExporter() {}

    /**
     * Writes {@code model.onnx} and {@code preprocessing.json} into a folder (atomically: a temporary
     * folder renamed into place).
     *
     * @param backboneOnnx the backbone's ONNX model whose first output is the head's features
     * @param head the trained head
     * @param preprocessing the preprocessing the features were made with
     * @param target the folder to create or replace
     * @return the folder
     */
    public static Path export(byte[] backboneOnnx, TrainedHead head, Preprocessing preprocessing, Path target) {
        return export(backboneOnnx, head, preprocessing, target, false, List.of());
    }

    /**
     * Writes {@code model.onnx} and {@code preprocessing.json} into a folder, atomically, under
     * {@link OutputFolders}' rule: an existing export is replaced only with {@code overwrite}, a folder
     * holding anything else never, and the folder may not be, hold or lie inside an input.
     *
     * @param backboneOnnx the backbone's ONNX model whose first output is the head's features
     * @param head the trained head
     * @param preprocessing the preprocessing the features were made with
     * @param target the folder to create or replace
     * @param overwrite whether an earlier export there may be replaced ({@code --overwrite})
     * @param inputs what the export reads (the model folder, the backbone file)
     * @return the folder
     */
    public static Path export(
            byte[] backboneOnnx,
            TrainedHead head,
            Preprocessing preprocessing,
            Path target,
            boolean overwrite,
            Collection<Path> inputs) {
        Path abs = target.toAbsolutePath().normalize();
        OutputFolders.check(abs, overwrite, "--overwrite", FILES::contains, inputs);
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".exporting-" + System.nanoTime());
        try {
            byte[] model = combine(backboneOnnx, head);
            Files.createDirectories(tmp);
            Files.write(tmp.resolve(MODEL_FILE), model);
            Files.writeString(
                    tmp.resolve(PREPROCESSING_FILE),
                    new GsonBuilder().setPrettyPrinting().create().toJson(describe(head, preprocessing)),
                    StandardCharsets.UTF_8);
            // An existing folder is, as checked above, empty or an earlier export of ours.
            AtomicFiles.replaceFolder(tmp, abs, "replaced", () -> {});
            return abs;
        } catch (IOException | IllegalArgumentException e) {
            FileTrees.deleteQuietly(tmp);
            throw new CatdogException("Could not export to " + abs + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@code preprocessing.json} says: the transform by name and every number, so that a client
     * reproduces the app's input exactly (torchvision's ImageNet evaluation transform on a Pillow RGB
     * image), and that the temperature is already inside the graph (its output is calibrated
     * probabilities).
     *
     * @param head the head (classes, temperature)
     * @param p the preprocessing
     * @return the JSON object's members, in order
     */
    static Map<String, Object> describe(TrainedHead head, Preprocessing p) {
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("input", "input");
        pre.put("output", OUTPUT);
        pre.put("layout", "NCHW, RGB, float32");
        pre.put("transform", "torchvision ImageNet evaluation transform");
        pre.put(
                "torchvision",
                String.format(
                        Locale.ROOT,
                        "transforms.Compose([transforms.Resize(%d), transforms.CenterCrop(%d), transforms.ToTensor(), "
                                + "transforms.Normalize(mean=%s, std=%s)]) applied to "
                                + "PIL.ImageOps.exif_transpose(PIL.Image.open(f)).convert('RGB')",
                        p.resize(),
                        p.crop(),
                        Arrays.toString(p.mean()),
                        Arrays.toString(p.std())));
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(step(
                "Image",
                "mode",
                "RGB",
                "exifOrientation",
                "applied (PIL.ImageOps.exif_transpose)",
                "transparency",
                "composed over white"));
        steps.add(step(
                "Resize",
                "size",
                p.resize(),
                "rule",
                "shorter side = " + p.resize() + ", longer side = int(" + p.resize()
                        + " * longer / shorter) (truncated)",
                "interpolation",
                "bilinear",
                "antialias",
                true,
                "implementation",
                "Pillow Image.resize(size, Image.BILINEAR): 8-bit, fixed point (22 fractional bits), "
                        + "horizontal pass then vertical"));
        steps.add(step(
                "CenterCrop",
                "size",
                p.crop(),
                "offsets",
                "top = int(round((height - " + p.crop() + ") / 2.0)), left = int(round((width - " + p.crop()
                        + ") / 2.0)), Python's round (half to even)"));
        steps.add(step("ToTensor", "scale", "pixel / 255 as float32, channels first (CHW)"));
        steps.add(step("Normalize", "mean", p.mean(), "std", p.std(), "formula", "(x - mean) / std per channel"));
        pre.put("steps", steps);
        // The flat fields of earlier exports, kept for their readers.
        pre.put("resizeShorterSideTo", p.resize());
        pre.put("centerCrop", p.crop());
        pre.put("scale", "pixel / 255");
        pre.put("mean", p.mean());
        pre.put("std", p.std());
        pre.put("classes", head.classes());
        pre.put("temperature", head.temperature());
        pre.put("temperatureInGraph", true);
        pre.put("outputs", "calibrated class probabilities (softmax of logits / temperature), one per class in order");
        return pre;
    }

    private static Map<String, Object> step(String op, Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Appends the head to the backbone's graph.
     *
     * @param backbone the backbone ONNX model bytes
     * @param head the head
     * @return the combined ONNX model bytes
     */
    static byte[] combine(byte[] backbone, TrainedHead head) {
        List<ProtobufField> modelFields = Protobuf.fields(backbone);
        ProtobufField graphField = modelFields.stream()
                .filter(f -> f.number() == 7)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the backbone file has no ONNX graph"));
        List<ProtobufField> graphFields = Protobuf.fields(graphField.payload());
        List<ProtobufField> outputs =
                graphFields.stream().filter(f -> f.number() == 12).toList();
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("the backbone graph declares no output");
        }
        String features = Protobuf.fields(outputs.get(0).payload()).stream()
                .filter(f -> f.number() == 1)
                .findFirst()
                .map(f -> new String(f.payload(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalArgumentException("the backbone output has no name"));

        ProtobufWriter graph = new ProtobufWriter();
        for (ProtobufField f : graphFields) {
            if (f.number() != 12) {
                graph.raw(f.raw()); // everything but the old outputs, in order
            }
        }
        String p = "catdog_head_";
        graph.message(1, node("Flatten", p + "flatten", List.of(features), p + "flat", Map.of("axis", 1L)));
        graph.message(5, tensor(p + "mean", head.featureMean(), head.featureDim()));
        graph.message(5, tensor(p + "std", head.featureStd(), head.featureDim()));
        graph.message(1, node("Sub", p + "sub", List.of(p + "flat", p + "mean"), p + "centred", Map.of()));
        graph.message(1, node("Div", p + "div", List.of(p + "centred", p + "std"), p + "standardised", Map.of()));
        String x = p + "standardised";
        List<Linear> layers = linears(head.model().getBlock());
        for (int i = 0; i < layers.size(); i++) {
            Linear layer = layers.get(i);
            NDArray w = layer.getParameters().get("weight").getArray();
            NDArray b = layer.getParameters().get("bias").getArray();
            long[] shape = w.getShape().getShape();
            graph.message(5, tensor(p + "w" + i, w.toFloatArray(), shape[0], shape[1]));
            graph.message(5, tensor(p + "b" + i, b.toFloatArray(), shape[0]));
            String y = p + "dense" + i;
            graph.message(
                    1, node("Gemm", p + "gemm" + i, List.of(x, p + "w" + i, p + "b" + i), y, Map.of("transB", 1L)));
            x = y;
            if (i < layers.size() - 1) {
                graph.message(1, node("Relu", p + "relu" + i, List.of(x), x + "_relu", Map.of()));
                x = x + "_relu";
            }
        }
        graph.message(5, tensor(p + "temperature", new float[] {(float) head.temperature()}));
        graph.message(1, node("Div", p + "calibrate", List.of(x, p + "temperature"), p + "calibrated", Map.of()));
        graph.message(1, node("Softmax", p + "softmax", List.of(p + "calibrated"), OUTPUT, Map.of("axis", 1L)));
        graph.message(12, valueInfo(OUTPUT, head.classes().size()));

        ProtobufWriter model = new ProtobufWriter();
        for (ProtobufField f : modelFields) {
            if (f.number() == 7) {
                model.message(7, graph);
            } else if (f.number() != 2) {
                model.raw(f.raw());
            }
        }
        model.string(2, "CatDog Studio");
        return model.toByteArray();
    }

    private static List<Linear> linears(Block block) {
        List<Linear> out = new ArrayList<>();
        if (block instanceof Linear l) {
            out.add(l);
        }
        block.getChildren().values().forEach(child -> out.addAll(linears(child)));
        return out;
    }

    private static ProtobufWriter node(
            String op, String name, List<String> inputs, String output, Map<String, Object> attributes) {
        ProtobufWriter n = new ProtobufWriter();
        inputs.forEach(i -> n.string(1, i));
        n.string(2, output);
        n.string(3, name);
        n.string(4, op);
        attributes.forEach((key, value) -> {
            ProtobufWriter a = new ProtobufWriter().string(1, key);
            if (value instanceof Long l) {
                a.int64(3, l).int64(20, ATTR_INT);
            } else {
                a.float32(2, ((Number) value).floatValue()).int64(20, ATTR_FLOAT);
            }
            n.message(5, a);
        });
        return n;
    }

    private static ProtobufWriter tensor(String name, float[] values, long... dims) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, FLOAT);
        t.string(8, name);
        t.bytes(9, Protobuf.floats(values));
        return t;
    }

    private static ProtobufWriter valueInfo(String name, int classes) {
        ProtobufWriter shape = new ProtobufWriter()
                .message(1, new ProtobufWriter().string(2, "batch"))
                .message(1, new ProtobufWriter().int64(1, classes));
        ProtobufWriter tensorType = new ProtobufWriter().int64(1, FLOAT).message(2, shape);
        return new ProtobufWriter().string(1, name).message(2, new ProtobufWriter().message(1, tensorType));
    }
}
