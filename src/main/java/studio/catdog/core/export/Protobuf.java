package studio.catdog.core.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few pieces of the protocol-buffers wire format needed to extend an ONNX graph: read a message's
 * top-level fields, and write new fields. ONNX models are protobuf messages; no protobuf library or
 * generated classes are needed for appending nodes, initializers and outputs (tests also use the
 * writer to build small ONNX models in code).
 */
public final class Protobuf {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private Protobuf() {}

    /** One top-level field of a message: its number, wire type and the bytes of the whole field. */
    record Field(int number, int wireType, byte[] raw, int payloadOffset, int payloadLength) {

        /** @return the payload of a length-delimited field */
        byte[] payload() {
            byte[] p = new byte[payloadLength];
            System.arraycopy(raw, payloadOffset, p, 0, payloadLength);
            return p;
        }
    }

    /** Splits a message into its top-level fields, in order. */
    static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < message.length) {
            int start = pos[0];
            long key = readVarint(message, pos);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            int payloadStart;
            int payloadLength;
            switch (wire) {
                case VARINT -> {
                    payloadStart = pos[0];
                    readVarint(message, pos);
                    payloadLength = pos[0] - payloadStart;
                }
                case FIXED64 -> {
                    payloadStart = pos[0];
                    payloadLength = 8;
                    pos[0] += 8;
                }
                case LENGTH_DELIMITED -> {
                    long len = readVarint(message, pos);
                    if (len < 0 || pos[0] + len > message.length) {
                        throw new IllegalArgumentException("truncated protobuf field " + number);
                    }
                    payloadStart = pos[0];
                    payloadLength = (int) len;
                    pos[0] += (int) len;
                }
                case FIXED32 -> {
                    payloadStart = pos[0];
                    payloadLength = 4;
                    pos[0] += 4;
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire);
            }
            if (pos[0] > message.length) {
                throw new IllegalArgumentException("truncated protobuf message");
            }
            byte[] raw = new byte[pos[0] - start];
            System.arraycopy(message, start, raw, 0, raw.length);
            out.add(new Field(number, wire, raw, payloadStart - start, payloadLength));
        }
        return out;
    }

    static long readVarint(byte[] b, int[] pos) {
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
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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

        /** @return the encoded message */
        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Little-endian float bytes, as ONNX raw_data wants them. */
    static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
