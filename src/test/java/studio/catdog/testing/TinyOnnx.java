package studio.catdog.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.catdog.core.export.Protobuf;
import java.util.Random;

/**
 * Writes a small convolutional ONNX model (protobuf encoded by hand, no Python or ONNX library):
 * input {@code input [batch,3,224,224]} -> Conv 3x3 stride 4 (8 channels) -> Relu -> Conv 3x3
 * stride 2 (16 channels) -> Relu -> GlobalAveragePool -> Flatten -> output {@code features [batch,16]}.
 * The weights are seeded random numbers, so the model is deterministic.
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
        Random r = new Random(seed);
        Protobuf.Writer graph = new Protobuf.Writer()
                .message(1, conv("input", "w1", "b1", "c1", 4))
                .message(1, node("Relu", "c1", "r1"))
                .message(1, conv("r1", "w2", "b2", "c2", 2))
                .message(1, node("Relu", "c2", "r2"))
                .message(1, node("GlobalAveragePool", "r2", "p"))
                .message(1, node("Flatten", "p", "features"))
                .string(2, "tiny")
                .message(5, tensor("w1", new long[] {8, 3, 3, 3}, r, 0.3f))
                .message(5, tensor("b1", new long[] {8}, r, 0.1f))
                .message(5, tensor("w2", new long[] {16, 8, 3, 3}, r, 0.2f))
                .message(5, tensor("b2", new long[] {16}, r, 0.1f))
                .message(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}))
                .message(12, valueInfo("features", new Object[] {"batch", 16L}));
        Protobuf.Writer model = new Protobuf.Writer()
                .int64(1, 7) // ir_version
                .string(2, "catdog-test")
                .message(7, graph)
                .message(8, new Protobuf.Writer().string(1, "").int64(2, 13)); // opset 13
        Files.write(file, model.toByteArray());
        return file;
    }

    private static Protobuf.Writer conv(String in, String w, String b, String out, int stride) {
        return new Protobuf.Writer().string(1, in).string(1, w).string(1, b).string(2, out).string(3, out).string(4, "Conv")
                .message(5, intsAttr("kernel_shape", 3, 3))
                .message(5, intsAttr("strides", stride, stride))
                .message(5, intsAttr("pads", 1, 1, 1, 1));
    }

    private static Protobuf.Writer node(String op, String in, String out) {
        return new Protobuf.Writer().string(1, in).string(2, out).string(3, out).string(4, op);
    }

    private static Protobuf.Writer intsAttr(String name, long... values) {
        Protobuf.Writer a = new Protobuf.Writer().string(1, name);
        for (long v : values) {
            a.int64(8, v);
        }
        return a.int64(20, 7); // AttributeType INTS
    }

    private static Protobuf.Writer tensor(String name, long[] dims, Random r, float scale) {
        int n = 1;
        Protobuf.Writer t = new Protobuf.Writer();
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

    private static Protobuf.Writer valueInfo(String name, Object[] dims) {
        Protobuf.Writer shape = new Protobuf.Writer();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new Protobuf.Writer().string(2, s) : new Protobuf.Writer().int64(1, (Long) d));
        }
        Protobuf.Writer tensorType = new Protobuf.Writer().int64(1, 1).message(2, shape);
        return new Protobuf.Writer().string(1, name).message(2, new Protobuf.Writer().message(1, tensorType));
    }
}
