package studio.catdog.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import studio.catdog.core.onnx.ProtobufWriter;

/**
 * Writes small ONNX models (protobuf encoded by hand, no Python or ONNX library). {@link #write}:
 * input {@code input [batch,3,224,224]} -> Conv 3x3 stride 4 (8 channels) -> Relu -> Conv 3x3
 * stride 2 (16 channels) -> Relu -> GlobalAveragePool -> Flatten -> output {@code features [batch,16]}.
 * The weights are seeded random numbers, so the model is deterministic. {@link #writeWithLogits} adds a
 * final Gemm (logits after the pooling, as in an ImageNet classifier), {@link #writeQuantized} pools
 * with the int8 {@code QLinearGlobalAveragePool} as quantized models do,
 * {@link #writeQuantizedResidual} is a small network quantized the way the ONNX Model Zoo's int8
 * ResNet50 is (every operator int8), and {@link #writeWithoutPooling} has no pooling node at all.
 */
public final class TinyOnnx {

    private TinyOnnx() {}

    /**
     * Writes the model.
     *
     * @param file where to write it (.onnx)
     * @param seed weight seed
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path file, long seed) throws IOException {
        ProtobufWriter graph = convolutions(seed)
                .message(1, node("Flatten", "p", "features"))
                .message(12, valueInfo("features", new Object[] {"batch", 16L}));
        return save(file, graph, false);
    }

    /** Pooled features of the convolutional models. */
    public static final int POOLED = 16;

    /**
     * The {@link #write} model (same weights for the same seed) with a final Gemm: pooled features
     * {@code [batch,16]} -> logits {@code [batch,classes]} with the weights {@link #logitWeight} and
     * {@link #logitBias}.
     *
     * @param file where to write it
     * @param seed weight seed of the convolutions
     * @param classes logits
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path writeWithLogits(Path file, long seed, int classes) throws IOException {
        ProtobufWriter graph = convolutions(seed)
                .message(1, node("Flatten", "p", "flat"))
                .message(1, gemm("flat", "wl", "bl", "logits"))
                .message(5, gemmWeights("wl", classes, POOLED))
                .message(5, gemmBias("bl", classes))
                .message(12, valueInfo("logits", new Object[] {"batch", (long) classes}));
        return save(file, graph, false);
    }

    /** Input quantization of {@link #writeQuantized}: scale and zero point. */
    public static final float IN_SCALE = 4f / 255;
    /** Input zero point of {@link #writeQuantized}. */
    public static final int IN_ZERO = 128;
    /** Output quantization of the pooling in {@link #writeQuantized}. */
    public static final float OUT_SCALE = 0.01f;
    /** Output zero point of the pooling in {@link #writeQuantized}. */
    public static final int OUT_ZERO = 120;

    /**
     * An int8 model shaped like the ONNX Model Zoo's quantized classifiers' last stage: input ->
     * QuantizeLinear -> QLinearGlobalAveragePool (3 channels, uint8) -> Flatten -> DequantizeLinear ->
     * Gemm -> logits {@code [batch,classes]}.
     *
     * @param file where to write it
     * @param classes logits
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path writeQuantized(Path file, int classes) throws IOException {
        ProtobufWriter graph = new ProtobufWriter()
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "input")
                                .string(1, "s_in")
                                .string(1, "z_in")
                                .string(2, "q")
                                .string(3, "quantize")
                                .string(4, "QuantizeLinear"))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "q")
                                .string(1, "s_in")
                                .string(1, "z_in")
                                .string(1, "s_out")
                                .string(1, "z_out")
                                .string(2, "pq")
                                .string(3, "qgap")
                                .string(4, "QLinearGlobalAveragePool")
                                .string(7, "com.microsoft")
                                .message(5, intAttr("channels_last", 0)))
                .message(1, node("Flatten", "pq", "pqf"))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "pqf")
                                .string(1, "s_out")
                                .string(1, "z_out")
                                .string(2, "pooled")
                                .string(3, "dequantize")
                                .string(4, "DequantizeLinear"))
                .message(1, gemm("pooled", "wl", "bl", "logits"))
                .string(2, "tiny-int8")
                .message(5, scalar("s_in", IN_SCALE))
                .message(5, zeroPoint("z_in", IN_ZERO))
                .message(5, scalar("s_out", OUT_SCALE))
                .message(5, zeroPoint("z_out", OUT_ZERO))
                .message(5, gemmWeights("wl", classes, 3))
                .message(5, gemmBias("bl", classes))
                .message(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}))
                .message(12, valueInfo("logits", new Object[] {"batch", (long) classes}));
        return save(file, graph, true);
    }

    /** Features of {@link #writeQuantizedResidual}. */
    public static final int RESIDUAL_FEATURES = 8;
    /** Output scale of the pooling in {@link #writeQuantizedResidual}: one step of its features. */
    public static final float RESIDUAL_POOL_SCALE = 3f / 255;

    /**
     * A small residual network quantized the way the ONNX Model Zoo's {@code resnet50-v1-12-int8.onnx}
     * is (static, QOperator format): input -> QuantizeLinear (uint8) -> QLinearConv 3x3 stride 4
     * (8 channels, int8 weights with a scale per output channel, int32 bias, Relu folded into a zero
     * point of 0) -> MaxPool 2x2 on uint8 -> QLinearConv 3x3 (8 channels) -> com.microsoft QLinearAdd
     * with the MaxPool output (the residual) -> com.microsoft QLinearGlobalAveragePool ->
     * DequantizeLinear -> Flatten -> {@code features [batch, 8]}.
     *
     * @param file where to write it
     * @param seed weight seed
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path writeQuantizedResidual(Path file, long seed) throws IOException {
        Random r = new Random(seed);
        int c = RESIDUAL_FEATURES;
        ProtobufWriter graph = new ProtobufWriter()
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "input")
                                .string(1, "s_in")
                                .string(1, "z_in")
                                .string(2, "q0")
                                .string(3, "quantize")
                                .string(4, "QuantizeLinear"))
                .message(1, qlinearConv("q0", "s_in", "z_in", "w1", "s_1", "z_0", "b1", "q1", 4))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "q1")
                                .string(2, "q2")
                                .string(3, "pool")
                                .string(4, "MaxPool")
                                .message(5, intsAttr("kernel_shape", 2, 2))
                                .message(5, intsAttr("strides", 2, 2)))
                .message(1, qlinearConv("q2", "s_1", "z_0", "w2", "s_3", "z_3", "b2", "q3", 1))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "q3")
                                .string(1, "s_3")
                                .string(1, "z_3")
                                .string(1, "q2")
                                .string(1, "s_1")
                                .string(1, "z_0")
                                .string(1, "s_4")
                                .string(1, "z_0")
                                .string(2, "q4")
                                .string(3, "add")
                                .string(4, "QLinearAdd")
                                .string(7, "com.microsoft"))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "q4")
                                .string(1, "s_4")
                                .string(1, "z_0")
                                .string(1, "s_5")
                                .string(1, "z_0")
                                .string(2, "q5")
                                .string(3, "qgap")
                                .string(4, "QLinearGlobalAveragePool")
                                .string(7, "com.microsoft")
                                .message(5, intAttr("channels_last", 0)))
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "q5")
                                .string(1, "s_5")
                                .string(1, "z_0")
                                .string(2, "pooled")
                                .string(3, "dequantize")
                                .string(4, "DequantizeLinear"))
                .message(1, node("Flatten", "pooled", "features"))
                .string(2, "tiny-resnet-int8")
                .message(5, scalar("s_in", 5f / 255))
                .message(5, zeroPoint("z_in", 112))
                .message(5, scalar("s_1", 4f / 255))
                .message(5, zeroPoint("z_0", 0))
                .message(5, scalar("s_3", 4f / 255))
                .message(5, zeroPoint("z_3", 128))
                .message(5, scalar("s_4", 6f / 255))
                .message(5, scalar("s_5", RESIDUAL_POOL_SCALE))
                .message(5, int8Weights("w1", new long[] {c, 3, 3, 3}, r))
                .message(5, int8Weights("w2", new long[] {c, c, 3, 3}, r))
                .message(5, floats("w1_scale", new long[] {c}, channelScales(c, 0.002f)))
                .message(5, floats("w2_scale", new long[] {c}, channelScales(c, 0.001f)))
                .message(
                        5,
                        new ProtobufWriter()
                                .int64(1, c)
                                .int64(2, 3)
                                .string(8, "w_zero")
                                .bytes(9, new byte[c]))
                .message(5, int32s("b1", c, r))
                .message(5, int32s("b2", c, r))
                .message(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}))
                .message(12, valueInfo("features", new Object[] {"batch", (long) c}));
        return save(file, graph, true);
    }

    private static ProtobufWriter qlinearConv(
            String x, String xs, String xz, String w, String ys, String yz, String b, String out, int stride) {
        return new ProtobufWriter()
                .string(1, x)
                .string(1, xs)
                .string(1, xz)
                .string(1, w)
                .string(1, w + "_scale")
                .string(1, "w_zero")
                .string(1, ys)
                .string(1, yz)
                .string(1, b)
                .string(2, out)
                .string(3, out)
                .string(4, "QLinearConv")
                .message(5, intsAttr("kernel_shape", 3, 3))
                .message(5, intsAttr("strides", stride, stride))
                .message(5, intsAttr("pads", 1, 1, 1, 1));
    }

    private static float[] channelScales(int channels, float base) {
        float[] s = new float[channels];
        for (int i = 0; i < channels; i++) {
            s[i] = base * (1 + 0.1f * i);
        }
        return s;
    }

    private static ProtobufWriter int8Weights(String name, long[] dims, Random r) {
        int n = 1;
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.int64(1, d);
            n *= (int) d;
        }
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (r.nextInt(255) - 127); // symmetric int8: -127..127
        }
        return t.int64(2, 3).string(8, name).bytes(9, data); // INT8
    }

    private static ProtobufWriter int32s(String name, int count, Random r) {
        ByteBuffer data = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            data.putInt(r.nextInt(2001) - 1000);
        }
        return new ProtobufWriter().int64(1, count).int64(2, 6).string(8, name).bytes(9, data.array()); // INT32
    }

    /**
     * A model with no pooling node: input -> ReduceMean over height and width -> Gemm -> logits
     * {@code [batch,classes]}.
     *
     * @param file where to write it
     * @param classes logits
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path writeWithoutPooling(Path file, int classes) throws IOException {
        ProtobufWriter graph = new ProtobufWriter()
                .message(
                        1,
                        new ProtobufWriter()
                                .string(1, "input")
                                .string(2, "m")
                                .string(3, "mean")
                                .string(4, "ReduceMean")
                                .message(5, intsAttr("axes", 2, 3))
                                .message(5, intAttr("keepdims", 0)))
                .message(1, gemm("m", "wl", "bl", "logits"))
                .string(2, "tiny-no-pool")
                .message(5, gemmWeights("wl", classes, 3))
                .message(5, gemmBias("bl", classes))
                .message(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}))
                .message(12, valueInfo("logits", new Object[] {"batch", (long) classes}));
        return save(file, graph, false);
    }

    /**
     * The final Gemm's weight of the models with logits (independent of the seed).
     *
     * @param c the logit (row)
     * @param f the feature (column)
     * @return the weight
     */
    public static float logitWeight(int c, int f) {
        return ((c * 7 + f * 3) % 11 - 5) * 0.1f;
    }

    /**
     * @param c the logit
     * @return the final Gemm's bias
     */
    public static float logitBias(int c) {
        return 0.05f * c - 0.1f;
    }

    private static ProtobufWriter convolutions(long seed) {
        Random r = new Random(seed);
        return new ProtobufWriter()
                .message(1, conv("input", "w1", "b1", "c1", 4))
                .message(1, node("Relu", "c1", "r1"))
                .message(1, conv("r1", "w2", "b2", "c2", 2))
                .message(1, node("Relu", "c2", "r2"))
                .message(1, node("GlobalAveragePool", "r2", "p"))
                .string(2, "tiny")
                .message(5, tensor("w1", new long[] {8, 3, 3, 3}, r, 0.3f))
                .message(5, tensor("b1", new long[] {8}, r, 0.1f))
                .message(5, tensor("w2", new long[] {16, 8, 3, 3}, r, 0.2f))
                .message(5, tensor("b2", new long[] {16}, r, 0.1f))
                .message(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}));
    }

    private static Path save(Path file, ProtobufWriter graph, boolean microsoftOps) throws IOException {
        ProtobufWriter model = new ProtobufWriter()
                .int64(1, 7) // ir_version
                .string(2, "catdog-test")
                .message(7, graph)
                .message(8, new ProtobufWriter().string(1, "").int64(2, 13)); // opset 13
        if (microsoftOps) {
            model.message(8, new ProtobufWriter().string(1, "com.microsoft").int64(2, 1));
        }
        Files.write(file, model.toByteArray());
        return file;
    }

    private static ProtobufWriter gemm(String in, String w, String b, String out) {
        return new ProtobufWriter()
                .string(1, in)
                .string(1, w)
                .string(1, b)
                .string(2, out)
                .string(3, out)
                .string(4, "Gemm")
                .message(5, intAttr("transB", 1));
    }

    private static ProtobufWriter gemmWeights(String name, int rows, int cols) {
        float[] w = new float[rows * cols];
        for (int c = 0; c < rows; c++) {
            for (int f = 0; f < cols; f++) {
                w[c * cols + f] = logitWeight(c, f);
            }
        }
        return floats(name, new long[] {rows, cols}, w);
    }

    private static ProtobufWriter gemmBias(String name, int rows) {
        float[] b = new float[rows];
        for (int c = 0; c < rows; c++) {
            b[c] = logitBias(c);
        }
        return floats(name, new long[] {rows}, b);
    }

    private static ProtobufWriter scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    private static ProtobufWriter floats(String name, long[] dims, float[] values) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return t.int64(2, 1).string(8, name).bytes(9, data.array());
    }

    private static ProtobufWriter zeroPoint(String name, int value) {
        return new ProtobufWriter().int64(2, 2).string(8, name).bytes(9, new byte[] {(byte) value}); // UINT8 scalar
    }

    private static ProtobufWriter intAttr(String name, long value) {
        return new ProtobufWriter().string(1, name).int64(3, value).int64(20, 2); // AttributeType INT
    }

    private static ProtobufWriter conv(String in, String w, String b, String out, int stride) {
        return new ProtobufWriter()
                .string(1, in)
                .string(1, w)
                .string(1, b)
                .string(2, out)
                .string(3, out)
                .string(4, "Conv")
                .message(5, intsAttr("kernel_shape", 3, 3))
                .message(5, intsAttr("strides", stride, stride))
                .message(5, intsAttr("pads", 1, 1, 1, 1));
    }

    private static ProtobufWriter node(String op, String in, String out) {
        return new ProtobufWriter().string(1, in).string(2, out).string(3, out).string(4, op);
    }

    private static ProtobufWriter intsAttr(String name, long... values) {
        ProtobufWriter a = new ProtobufWriter().string(1, name);
        for (long v : values) {
            a.int64(8, v);
        }
        return a.int64(20, 7); // AttributeType INTS
    }

    private static ProtobufWriter tensor(String name, long[] dims, Random r, float scale) {
        int n = 1;
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.int64(1, d);
            n *= (int) d;
        }
        ByteBuffer data = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putFloat((float) r.nextGaussian() * scale);
        }
        return t.int64(2, 1).string(8, name).bytes(9, data.array()); // FLOAT, name, raw_data
    }

    private static ProtobufWriter valueInfo(String name, Object[] dims) {
        ProtobufWriter shape = new ProtobufWriter();
        for (Object d : dims) {
            shape.message(
                    1,
                    d instanceof String s
                            ? new ProtobufWriter().string(2, s)
                            : new ProtobufWriter().int64(1, (Long) d));
        }
        ProtobufWriter tensorType = new ProtobufWriter().int64(1, 1).message(2, shape);
        return new ProtobufWriter().string(1, name).message(2, new ProtobufWriter().message(1, tensorType));
    }
}
