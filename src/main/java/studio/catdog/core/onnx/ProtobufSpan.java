package studio.catdog.core.onnx;

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
public record ProtobufSpan(int number, int wireType, int start, int payloadStart, int end) {

    /** @return the payload's length in bytes */
    public int payloadLength() {
        return end - payloadStart;
    }
}
