package studio.catdog.core.backbone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import studio.catdog.core.onnx.Protobuf;
import studio.catdog.core.onnx.ProtobufSpan;
import studio.catdog.core.onnx.ProtobufWriter;

/**
 * Chooses the tensor an ONNX backbone's features come from by editing its graph before ONNX Runtime
 * loads it. For {@link FeatureLayer#POOLED} the output of the last global average pooling node
 * becomes the graph's only output, flattened to {@code [N, C]}; in int8 models that node is
 * {@code QLinearGlobalAveragePool}, whose uint8 output is dequantized with the node's own output scale
 * and zero point. A graph without a pooling node keeps its output: the logits.
 *
 * <p>The classifier nodes stay in the graph (ONNX Runtime drops what no output needs), so the edit
 * is small and the weights are copied once, not parsed.
 */
public final class OnnxFeatureGraph {

    private static final String GAP = "GlobalAveragePool";
    private static final String QGAP = "QLinearGlobalAveragePool";
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int FLOAT = 1;

    private OnnxFeatureGraph() {}

    /** A node's fields that matter here. */
    private record Node(String op, List<String> inputs, List<String> outputs) {}

    /**
     * Makes the wanted layer the model's output where the graph has it.
     *
     * @param model the ONNX model bytes
     * @param wanted the layer asked for
     * @return the model to load: edited for pooled features, or unchanged (logits asked, or no pooling
     *     node)
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    public static FeatureGraphSelection select(byte[] model, FeatureLayer wanted) {
        List<ProtobufSpan> modelFields = Protobuf.spans(model, 0, model.length);
        ProtobufSpan graph = modelFields.stream()
                .filter(f -> f.number() == MODEL_GRAPH)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the file has no ONNX graph"));
        List<ProtobufSpan> graphFields = Protobuf.spans(model, graph.payloadStart(), graph.end());
        if (wanted == FeatureLayer.LOGITS) {
            return new FeatureGraphSelection(model, FeatureLayer.LOGITS, firstOutput(model, graphFields));
        }
        Node pool = null;
        Set<String> names = new HashSet<>();
        for (ProtobufSpan f : graphFields) {
            if (f.number() == GRAPH_NODE) {
                Node n = node(model, f);
                names.addAll(n.outputs());
                if ((GAP.equals(n.op()) || QGAP.equals(n.op())) && !n.outputs().isEmpty()) {
                    pool = n; // the last one: earlier ones may sit inside blocks (squeeze-and-excitation)
                }
            } else if (f.number() == GRAPH_INITIALIZER || f.number() == GRAPH_INPUT) {
                names.add(name(model, f, f.number() == GRAPH_INITIALIZER ? 8 : 1));
            }
        }
        if (pool == null) {
            return new FeatureGraphSelection(model, FeatureLayer.LOGITS, firstOutput(model, graphFields));
        }
        String prefix = "catdog_";
        while (names.contains(prefix + "pooled") || names.contains(prefix + "features")) {
            prefix = prefix + "_"; // never collide with the model's own names
        }
        ProtobufWriter added = new ProtobufWriter();
        String pooled = pool.outputs().get(0);
        if (QGAP.equals(pool.op())) {
            if (pool.inputs().size() < 4 || pool.inputs().get(3).isEmpty()) {
                return new FeatureGraphSelection(model, FeatureLayer.LOGITS, firstOutput(model, graphFields));
            }
            List<String> dq = new ArrayList<>(List.of(pooled, pool.inputs().get(3)));
            if (pool.inputs().size() > 4 && !pool.inputs().get(4).isEmpty()) {
                dq.add(pool.inputs().get(4)); // y_zero_point; absent means 0, as in DequantizeLinear
            }
            added.message(GRAPH_NODE, node("DequantizeLinear", prefix + "dequantize", dq, prefix + "pooled"));
            pooled = prefix + "pooled";
        }
        String flattened = prefix + "features";
        added.message(GRAPH_NODE, node("Flatten", prefix + "flatten", List.of(pooled), flattened)); // axis 1: [N, C]
        added.message(GRAPH_OUTPUT, featuresOutput(flattened));

        int kept = 0;
        for (ProtobufSpan f : graphFields) {
            kept += f.number() == GRAPH_OUTPUT ? 0 : f.end() - f.start();
        }
        int payload = kept + added.size();
        ProtobufWriter out = new ProtobufWriter(model.length + added.size() + 16);
        out.raw(model, 0, graph.start());
        out.lengthPrefix(MODEL_GRAPH, payload);
        for (ProtobufSpan f : graphFields) {
            if (f.number() != GRAPH_OUTPUT) {
                out.raw(model, f.start(), f.end() - f.start()); // the old outputs go: ours is the only one
            }
        }
        out.raw(added.toByteArray());
        out.raw(model, graph.end(), model.length - graph.end());
        return new FeatureGraphSelection(
                out.toByteArray(), FeatureLayer.POOLED, pool.outputs().get(0));
    }

    private static String firstOutput(byte[] model, List<ProtobufSpan> graphFields) {
        return graphFields.stream()
                .filter(f -> f.number() == GRAPH_OUTPUT)
                .findFirst()
                .map(f -> name(model, f, 1))
                .orElse("");
    }

    /** The string field {@code nameField} of the message a span holds (ValueInfo 1, Tensor 8). */
    private static String name(byte[] model, ProtobufSpan message, int nameField) {
        for (ProtobufSpan f : Protobuf.spans(model, message.payloadStart(), message.end())) {
            if (f.number() == nameField && f.wireType() == 2) {
                return text(model, f);
            }
        }
        return "";
    }

    private static Node node(byte[] model, ProtobufSpan span) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        for (ProtobufSpan f : Protobuf.spans(model, span.payloadStart(), span.end())) {
            switch (f.number()) {
                case 1 -> inputs.add(text(model, f));
                case 2 -> outputs.add(text(model, f));
                case 4 -> op = text(model, f);
                default -> {} // name, attributes, domain: not needed
            }
        }
        return new Node(op, inputs, outputs);
    }

    private static String text(byte[] b, ProtobufSpan f) {
        return new String(b, f.payloadStart(), f.payloadLength(), StandardCharsets.UTF_8);
    }

    private static ProtobufWriter node(String op, String name, List<String> inputs, String output) {
        ProtobufWriter n = new ProtobufWriter();
        inputs.forEach(i -> n.string(1, i));
        return n.string(2, output).string(3, name).string(4, op);
    }

    /** A float output of shape [batch, features], both left symbolic. */
    private static ProtobufWriter featuresOutput(String name) {
        ProtobufWriter shape = new ProtobufWriter()
                .message(1, new ProtobufWriter().string(2, "batch"))
                .message(1, new ProtobufWriter().string(2, "features"));
        ProtobufWriter tensorType = new ProtobufWriter().int64(1, FLOAT).message(2, shape);
        return new ProtobufWriter().string(1, name).message(2, new ProtobufWriter().message(1, tensorType));
    }
}
