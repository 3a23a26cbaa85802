package studio.catdog.core.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a message field by field. */
public final class ProtobufWriter {
    private final ByteArrayOutputStream out;

    /** Creates an empty writer. */
    public ProtobufWriter() {
        this(32);
    }

    /**
     * Creates an empty writer with room for {@code capacity} bytes (for copying large models).
     *
     * @param capacity the expected size
     */
    public ProtobufWriter(int capacity) {
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
    public ProtobufWriter int64(int number, long value) {
        key(number, Protobuf.VARINT);
        varint(value);
        return this;
    }

    /**
     * Appends a 32-bit float field.
     *
     * @return this writer
     */
    public ProtobufWriter float32(int number, float value) {
        key(number, Protobuf.FIXED32);
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
    public ProtobufWriter bytes(int number, byte[] value) {
        key(number, Protobuf.LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    /**
     * Appends a UTF-8 string field.
     *
     * @return this writer
     */
    public ProtobufWriter string(int number, String value) {
        return bytes(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends a nested message field.
     *
     * @return this writer
     */
    public ProtobufWriter message(int number, ProtobufWriter message) {
        return bytes(number, message.toByteArray());
    }

    /**
     * Appends an already encoded field as it is.
     *
     * @return this writer
     */
    public ProtobufWriter raw(byte[] field) {
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
    public ProtobufWriter raw(byte[] buffer, int offset, int length) {
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
    public ProtobufWriter lengthPrefix(int number, long length) {
        key(number, Protobuf.LENGTH_DELIMITED);
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
