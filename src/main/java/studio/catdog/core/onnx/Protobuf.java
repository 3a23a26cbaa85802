package studio.catdog.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The few pieces of the protocol-buffers wire format needed to read and extend an ONNX graph: read a
 * message's top-level fields, and write new fields. ONNX models are protobuf messages; no protobuf
 * library or generated classes are needed for finding nodes and appending nodes, initializers and
 * outputs (tests also use the writer to build small ONNX models in code). The ONNX protobuf Java
 * bindings on Maven Central come with a Scala runtime and protobuf-java; this reader is smaller.
 */
public final class Protobuf {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private Protobuf() {}

    /**
     * Splits a message into its top-level fields, in order.
     *
     * @param message the encoded message
     * @return its fields
     * @throws IllegalArgumentException when the bytes are not a well-formed message
     */
    public static List<ProtobufField> fields(byte[] message) {
        List<ProtobufField> out = new ArrayList<>();
        for (ProtobufSpan s : spans(message, 0, message.length)) {
            byte[] raw = new byte[s.end() - s.start()];
            System.arraycopy(message, s.start(), raw, 0, raw.length);
            out.add(new ProtobufField(s.number(), s.wireType(), raw, s.payloadStart() - s.start(), s.payloadLength()));
        }
        return out;
    }

    /**
     * Locates the top-level fields of the message in {@code b[from, to)}, in order, without copying.
     *
     * @param b the buffer
     * @param from where the message starts
     * @param to where it ends
     * @return the fields' positions
     * @throws IllegalArgumentException when the bytes are not a well-formed message
     */
    public static List<ProtobufSpan> spans(byte[] b, int from, int to) {
        List<ProtobufSpan> out = new ArrayList<>();
        int[] pos = {from};
        while (pos[0] < to) {
            int start = pos[0];
            long key = readVarint(b, pos);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            long length = switch (wire) {
                case VARINT -> {
                    int p = pos[0];
                    readVarint(b, pos);
                    int n = pos[0] - p;
                    pos[0] = p;
                    yield n;
                }
                case FIXED64 -> 8;
                case LENGTH_DELIMITED -> readVarint(b, pos);
                case FIXED32 -> 4;
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire);
            };
            if (length < 0 || pos[0] + length > to) {
                throw new IllegalArgumentException("truncated protobuf field " + number);
            }
            int payloadStart = pos[0];
            pos[0] += (int) length;
            out.add(new ProtobufSpan(number, wire, start, payloadStart, pos[0]));
        }
        return out;
    }

    /**
     * Reads a varint.
     *
     * @param b the buffer
     * @param pos the position, advanced past the varint
     * @return its value
     */
    public static long readVarint(byte[] b, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte x = b[pos[0]++];
            result |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }

    /** Little-endian float bytes, as ONNX raw_data wants them. */
    public static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
