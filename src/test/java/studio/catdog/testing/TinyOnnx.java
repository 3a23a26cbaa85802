package studio.catdog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Msg graph = new Msg()
                .msg(1, conv("input", "w1", "b1", "c1", 4))
                .msg(1, node("Relu", "c1", "r1"))
                .msg(1, conv("r1", "w2", "b2", "c2", 2))
                .msg(1, node("Relu", "c2", "r2"))
                .msg(1, node("GlobalAveragePool", "r2", "p"))
                .msg(1, node("Flatten", "p", "features"))
                .str(2, "tiny")
                .msg(5, tensor("w1", new long[] {8, 3, 3, 3}, r, 0.3f))
                .msg(5, tensor("b1", new long[] {8}, r, 0.1f))
                .msg(5, tensor("w2", new long[] {16, 8, 3, 3}, r, 0.2f))
                .msg(5, tensor("b2", new long[] {16}, r, 0.1f))
                .msg(11, valueInfo("input", new Object[] {"batch", 3L, 224L, 224L}))
                .msg(12, valueInfo("features", new Object[] {"batch", 16L}));
        Msg model = new Msg()
                .varint(1, 7) // ir_version
                .str(2, "catdog-test")
                .msg(7, graph)
                .msg(8, new Msg().str(1, "").varint(2, 13)); // opset 13
        Files.write(file, model.bytes());
        return file;
    }

    private static Msg conv(String in, String w, String b, String out, int stride) {
        return new Msg().str(1, in).str(1, w).str(1, b).str(2, out).str(3, out).str(4, "Conv")
                .msg(5, intsAttr("kernel_shape", 3, 3))
                .msg(5, intsAttr("strides", stride, stride))
                .msg(5, intsAttr("pads", 1, 1, 1, 1));
    }

    private static Msg node(String op, String in, String out) {
        return new Msg().str(1, in).str(2, out).str(3, out).str(4, op);
    }

    private static Msg intsAttr(String name, long... values) {
        Msg a = new Msg().str(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7); // AttributeType INTS
    }

    private static Msg tensor(String name, long[] dims, Random r, float scale) {
        int n = 1;
        Msg t = new Msg();
        for (long d : dims) {
            t.varint(1, d);
            n *= (int) d;
        }
        ByteBuffer data = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putFloat((float) r.nextGaussian() * scale);
        }
        return t.varint(2, 1).str(8, name).bytes(9, data.array()); // FLOAT, name, raw_data
    }

    private static Msg valueInfo(String name, Object[] dims) {
        Msg shape = new Msg();
        for (Object d : dims) {
            shape.msg(1, d instanceof String s ? new Msg().str(2, s) : new Msg().varint(1, (Long) d));
        }
        Msg tensorType = new Msg().varint(1, 1).msg(2, shape);
        return new Msg().str(1, name).msg(2, new Msg().msg(1, tensorType));
    }

    /** A protobuf message under construction. */
    private static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Msg varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Msg str(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Msg msg(int field, Msg m) {
            return bytes(field, m.bytes());
        }

        Msg bytes(int field, byte[] b) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
