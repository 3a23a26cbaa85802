package studio.catdog.core.onnx;

import java.nio.charset.StandardCharsets;

/**
 * One top-level field of a message.
 *
 * @param number the field number
 * @param wireType the wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32)
 * @param raw the bytes of the whole field, key included, as they were read
 * @param payloadOffset where the payload starts inside {@code raw}
 * @param payloadLength the payload's length
 */
public record ProtobufField(int number, int wireType, byte[] raw, int payloadOffset, int payloadLength) {

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
        if (wireType != Protobuf.VARINT) {
            throw new IllegalArgumentException("protobuf field " + number + " is not a varint");
        }
        return Protobuf.readVarint(raw, new int[] {payloadOffset});
    }
}
