package studio.catdog.core.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
     * One top-level field of a message.
     *
     * @param number the field number
     * @param wireType the wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32)
     * @param raw the bytes of the whole field, key included, as they were read
     * @param payloadOffset where the payload starts inside {@code raw}
     * @param payloadLength the payload's length
     */
    public record Field(int number, int wireType, byte[] raw, int payloadOffset, int payloadLength) {

        /** @return the payload of a length-delimited field (a string, bytes or a nested message) */
        public byte[] payload() {
            byte[] p = new byte[payloadLength];
            System.arraycopy(raw, payloadOffset, p, 0, payloadLength);
            return p;
        }

        /** @return the payload of a length-delimited field as UTF-8 text */
        public String string() {
            return new String(raw, payloadOffset, payloadLength, StandardCharsets.UTF_8);
        }

        /** @return the value of a varint field (int64, enum) */
        public long varint() {
            if (wireType != VARINT) {
                throw new IllegalArgumentException("protobuf field " + number + " is not a varint");
            }
            return readVarint(raw, new int[] {payloadOffset});
        }
    }

    /**
     * Splits a message into its top-level fields, in order.
     *
     * @param message the encoded message
     * @return its fields
     * @throws IllegalArgumentException when the bytes are not a well-formed message
     */
    public static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        for (Span s : spans(message, 0, message.length)) {
            byte[] raw = new byte[s.end() - s.start()];
            System.arraycopy(message, s.start(), raw, 0, raw.length);
            out.add(new Field(s.number(), s.wireType(), raw, s.payloadStart() - s.start(), s.payloadLength()));
        }
        return out;
    }

    /**
     * Where one top-level field lies inside a buffer. Large models are read through spans so that the
     * weights are never copied just to find a few nodes.
     *
     * @param number the field number
     * @param wireType the wire type
     * @param start the offset of the field's key
     * @param payloadStart the offset of its payload (after the length of a length-delimited field)
     * @param end the offset just after the field
     */
    public record Span(int number, int wireType, int start, int payloadStart, int end) {

        /** @return the payload's length in bytes */
        public int payloadLength() {
            return end - payloadStart;
        }
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
    public static List<Span> spans(byte[] b, int from, int to) {
        List<Span> out = new ArrayList<>();
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
            out.add(new Span(number, wire, start, payloadStart, pos[0]));
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

    /** Builds a message field by field. */
    public static final class Writer {
        private final ByteArrayOutputStream out;

        /** Creates an empty writer. */
        public Writer() {
            this(32);
        }

        /**
         * Creates an empty writer with room for {@code capacity} bytes (for copying large models).
         *
         * @param capacity the expected size
         */
        public Writer(int capacity) {
            out = new ByteArrayOutputStream(capacity);
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        private void key(int number, int wire) {
            varint(((long) number << 3) | wire);
        }

        /**
         * Appends a varint field (int64, enum).
         *
         * @return this writer
         */
        public Writer int64(int number, long value) {
            key(number, VARINT);
            varint(value);
            return this;
        }

        /**
         * Appends a 32-bit float field.
         *
         * @return this writer
         */
        public Writer float32(int number, float value) {
            key(number, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        /**
         * Appends a bytes field.
         *
         * @return this writer
         */
        public Writer bytes(int number, byte[] value) {
            key(number, LENGTH_DELIMITED);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        /**
         * Appends a UTF-8 string field.
         *
         * @return this writer
         */
        public Writer string(int number, String value) {
            return bytes(number, value.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Appends a nested message field.
         *
         * @return this writer
         */
        public Writer message(int number, Writer message) {
            return bytes(number, message.toByteArray());
        }

        /**
         * Appends an already encoded field as it is.
         *
         * @return this writer
         */
        public Writer raw(byte[] field) {
            out.writeBytes(field);
            return this;
        }

        /**
         * Appends already encoded fields from a larger buffer, as they are.
         *
         * @param buffer the buffer
         * @param offset where the bytes start
         * @param length how many
         * @return this writer
         */
        public Writer raw(byte[] buffer, int offset, int length) {
            out.write(buffer, offset, length);
            return this;
        }

        /**
         * Starts a length-delimited field whose payload the caller appends next (with {@link #raw}):
         * lets a large message be copied into a new one piece by piece instead of whole.
         *
         * @param number the field number
         * @param length the payload length that follows
         * @return this writer
         */
        public Writer lengthPrefix(int number, long length) {
            key(number, LENGTH_DELIMITED);
            varint(length);
            return this;
        }

        /** @return the number of bytes written so far */
        public int size() {
            return out.size();
        }

        /** @return the encoded message */
        public byte[] toByteArray() {
            return out.toByteArray();
        }
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
