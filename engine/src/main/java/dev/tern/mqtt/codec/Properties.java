package dev.tern.mqtt.codec;

/**
 * The Properties of an MQTT 5 packet or Will (2.2.2), read in place: a Property Length (a
 * Variable Byte Integer) and then properties, each an identifier (a Variable Byte Integer) and a
 * value of the identifier's type (see {@link PropertyId}):
 *
 * <pre>
 *   Property Length     VBI, the bytes that follow
 *   identifier          VBI (every defined identifier is one byte)
 *   value               byte | int16 | int32 | VBI | 2-byte length + UTF-8 | 2-byte length + bytes
 *                       | string pair: two length-prefixed UTF-8 strings (name, value)
 *   ... more properties, in any order (2.2.2.2)
 * </pre>
 *
 * {@link #validate} checks a block strictly once (decoders and encoders call it); then this
 * flyweight, allocated once, iterates it: {@code p.wrap(buf, off, len); while (p.next()) ...}.
 * It reads a validated block only; wrapping unchecked bytes is misuse.
 */
public final class Properties {

    private byte[] buffer;
    private int start;
    private int end;
    private int cursor;
    private int id;
    private int valuePosition;

    /** Wraps the properties (after the Property Length) at {@code buffer[offset .. offset + length)}. */
    public void wrap(byte[] src, int offset, int length) {
        buffer = src;
        start = offset;
        end = offset + length;
        rewind();
    }

    /** Wraps the Properties a decoded packet carries (none for 3.1.1 packets). */
    public void wrap(DecodedPacket packet) {
        wrap(packet.buffer(), packet.propertiesOffset(), packet.propertiesLength());
    }

    /** Wraps the Will Properties of a decoded MQTT 5 CONNECT. */
    public void wrapWill(DecodedPacket packet) {
        wrap(packet.buffer(), packet.willPropertiesOffset(), packet.willPropertiesLength());
    }

    public void rewind() {
        cursor = start;
        id = 0;
        valuePosition = 0;
    }

    /** Moves to the next property; false after the last. */
    public boolean next() {
        if (cursor >= end) {
            return false;
        }
        id = buffer[cursor] & 0xFF;
        valuePosition = cursor + 1;
        cursor = valuePosition + valueSize(buffer, valuePosition, PropertyId.type(id));
        return true;
    }

    /** Rewinds and moves to the first property {@code id}; false when there is none. */
    public boolean find(int wanted) {
        rewind();
        while (next()) {
            if (wanted == id) {
                return true;
            }
        }
        return false;
    }

    /** The identifier of the current property (a {@link PropertyId} constant). */
    public int id() {
        return id;
    }

    /** Byte, two-byte and Variable Byte Integer values; the low 32 bits of a four-byte one. */
    public int intValue() {
        return (int) longValue();
    }

    /** Any integer value; four-byte integers are unsigned (up to 4,294,967,295). */
    public long longValue() {
        switch (PropertyId.type(id)) {
            case PropertyId.TYPE_BYTE:
                return buffer[valuePosition] & 0xFF;
            case PropertyId.TYPE_INT16:
                return Uint16.read(buffer, valuePosition);
            case PropertyId.TYPE_INT32:
                return readInt32(buffer, valuePosition);
            case PropertyId.TYPE_VARIABLE_BYTE_INTEGER:
                return RemainingLength.read(buffer, valuePosition, end - valuePosition);
            default:
                return 0;
        }
    }

    /** String, binary: where the bytes start; string pair: the name's bytes. */
    public int valueOffset() {
        return valuePosition + Uint16.SIZE;
    }

    public int valueLength() {
        return Uint16.read(buffer, valuePosition);
    }

    /** String pair (User Property): the value's bytes. */
    public int pairValueOffset() {
        return valueOffset() + valueLength() + Uint16.SIZE;
    }

    public int pairValueLength() {
        return Uint16.read(buffer, valueOffset() + valueLength());
    }

    static long readInt32(byte[] src, int offset) {
        return ((long) Uint16.read(src, offset) << 16) | Uint16.read(src, offset + 2);
    }

    /** The size of a value of {@code type} at {@code position} in a validated block. */
    private static int valueSize(byte[] src, int position, int type) {
        switch (type) {
            case PropertyId.TYPE_BYTE:
                return 1;
            case PropertyId.TYPE_INT16:
                return 2;
            case PropertyId.TYPE_INT32:
                return 4;
            case PropertyId.TYPE_VARIABLE_BYTE_INTEGER:
                return RemainingLength.size(RemainingLength.read(src, position, RemainingLength.MAX_BYTES));
            case PropertyId.TYPE_STRING_PAIR:
                int nameEnd = position + Uint16.SIZE + Uint16.read(src, position);
                return nameEnd - position + Uint16.SIZE + Uint16.read(src, nameEnd);
            default:
                return Uint16.SIZE + Uint16.read(src, position);
        }
    }

    /**
     * Reads the Property Length at {@code position} of a packet ending at {@code end}: the block's
     * length (the properties start after {@link RemainingLength#size(int)} of it), or
     * {@link CodecStatus#MALFORMED_VARIABLE_BYTE_INTEGER} / {@link CodecStatus#PROPERTY_LENGTH_EXCEEDS_PACKET}.
     */
    static int readLength(byte[] src, int position, int end) {
        int length = RemainingLength.readWithin(src, position, end);
        if (length < 0) {
            return length;
        }
        return position + RemainingLength.size(length) + length > end ? CodecStatus.PROPERTY_LENGTH_EXCEEDS_PACKET : length;
    }

    /** Bytes a block of {@code length} takes on the wire, its Property Length included. */
    public static int encodedSize(int length) {
        return RemainingLength.size(length) + length;
    }

    /** Writes the Property Length and the block at {@code position}; returns the position after them. */
    static int write(byte[] dst, int position, byte[] src, int offset, int length) {
        int at = position + RemainingLength.write(dst, position, length);
        if (length > 0) {
            System.arraycopy(src, offset, dst, at, length);
        }
        return at + length;
    }

    /**
     * Decodes the Property Length and the properties at {@code position} of a packet ending at
     * {@code end}, for {@code context}, into {@code out} (the Will's when {@code context} is
     * {@link PropertyId#WILL_CONTEXT}); returns the position after them or the violation.
     */
    static int decode(byte[] src, int position, int end, int context, DecodedPacket out) {
        int length = readLength(src, position, end);
        if (length < 0) {
            return length;
        }
        int offset = position + RemainingLength.size(length);
        int status = validate(src, offset, length, context);
        if (CodecStatus.OK != status) {
            return status;
        }
        if (PropertyId.WILL_CONTEXT == context) {
            out.willPropertiesOffset = offset;
            out.willPropertiesLength = length;
        } else {
            out.propertiesOffset = offset;
            out.propertiesLength = length;
        }
        return offset + length;
    }

    /** Encoders: {@link #validate} a caller's block, and its length must fit a Variable Byte Integer. */
    static int checkBlock(byte[] src, int offset, int length, int context) {
        if (length > RemainingLength.MAX_VALUE) {
            return CodecStatus.REMAINING_LENGTH_TOO_LARGE;
        }
        return validate(src, offset, length, context);
    }

    /** True when the validated block at {@code src[offset .. offset + length)} has property {@code id}. */
    static boolean contains(byte[] src, int offset, int length, int id) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int current = src[position] & 0xFF;
            if (id == current) {
                return true;
            }
            position += 1 + valueSize(src, position + 1, PropertyId.type(current));
        }
        return false;
    }

    /**
     * Checks the properties at {@code src[offset .. offset + length)} for {@code context} (a packet
     * type or {@link PropertyId#WILL_CONTEXT}): known identifiers, allowed there, not repeated
     * unless they may be, values complete, strings well-formed UTF-8, values in range.
     *
     * @return {@link CodecStatus#OK} or the first violation
     */
    public static int validate(byte[] src, int offset, int length, int context) {
        if (length < 0) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int end = offset + length;
        int position = offset;
        long seen = 0;
        while (position < end) {
            int id = src[position] & 0xFF;
            int next = PropertyCheck.one(src, position, end, context);
            if (next < 0) {
                return next;
            }
            seen = PropertyCheck.markSeen(seen, id, context);
            if (0 == seen) {
                return CodecStatus.DUPLICATE_PROPERTY;
            }
            position = next;
        }
        return PropertyCheck.combination(seen);
    }
}
