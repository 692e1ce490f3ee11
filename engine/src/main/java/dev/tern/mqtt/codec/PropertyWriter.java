package dev.tern.mqtt.codec;

/**
 * Builds the properties of one MQTT 5 packet or Will into a caller's buffer, without the
 * Property Length (the packet encoder writes that): allocated once, {@link #wrap} per packet.
 * Every add checks the property as a receiver would ({@link PropertyCheck}: allowed in the
 * context, not repeated, value in range) and leaves the block as it was when it fails.
 *
 * <pre>
 *   writer.wrap(scratch, 0, scratch.length, PacketType.CONNECT);
 *   writer.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 3600);
 *   writer.addInt16(PropertyId.RECEIVE_MAXIMUM, 20);
 *   ConnectParameters.properties(scratch, 0, writer.length());
 * </pre>
 */
public final class PropertyWriter {

    private byte[] buffer;
    private int start;
    private int limit;
    private int position;
    private int context;
    private long seen;

    /** Starts an empty block at {@code dst[offset .. offset + capacity)} for {@code context}. */
    public void wrap(byte[] dst, int offset, int capacity, int context) {
        buffer = dst;
        start = offset;
        limit = offset + Math.min(capacity, dst.length - offset);
        position = offset;
        this.context = context;
        seen = 0;
    }

    /** Bytes written so far: the Property Length of the block. */
    public int length() {
        return position - start;
    }

    public int addByte(int id, int value) {
        if (PropertyId.TYPE_BYTE != PropertyId.type(id) || value < 0 || value > 0xFF) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (!room(2)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        buffer[position + 1] = (byte) value;
        return commit(id, 2);
    }

    public int addInt16(int id, int value) {
        if (PropertyId.TYPE_INT16 != PropertyId.type(id) || value < 0 || value > Uint16.MAX_VALUE) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (!room(3)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        Uint16.write(buffer, position + 1, value);
        return commit(id, 3);
    }

    /** Four-byte integer, unsigned: 0..4,294,967,295. */
    public int addInt32(int id, long value) {
        if (PropertyId.TYPE_INT32 != PropertyId.type(id) || value < 0 || value > 0xFFFFFFFFL) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (!room(5)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        Uint16.write(buffer, position + 1, (int) (value >>> 16));
        Uint16.write(buffer, position + 3, (int) (value & 0xFFFF));
        return commit(id, 5);
    }

    /** Variable Byte Integer (Subscription Identifier): 0..268,435,455. */
    public int addVariableByteInteger(int id, int value) {
        if (PropertyId.TYPE_VARIABLE_BYTE_INTEGER != PropertyId.type(id) || value < 0 || value > RemainingLength.MAX_VALUE) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int size = 1 + RemainingLength.size(value);
        if (!room(size)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        RemainingLength.write(buffer, position + 1, value);
        return commit(id, size);
    }

    /** A UTF-8 string or binary value, by the identifier's type. */
    public int addBytes(int id, byte[] src, int offset, int length) {
        int type = PropertyId.type(id);
        if (PropertyId.TYPE_STRING != type && PropertyId.TYPE_BINARY != type) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int status = checkLength(length);
        if (CodecStatus.OK != status) {
            return status;
        }
        if (!room(1 + Uint16.SIZE + length)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        Uint16.writePrefixed(buffer, position + 1, src, offset, length);
        return commit(id, 1 + Uint16.SIZE + length);
    }

    /** A User Property: a name and a value, both UTF-8 strings (3.1.2.11.8). */
    public int addUserProperty(byte[] src, int nameOffset, int nameLength, int valueOffset, int valueLength) {
        int status = checkLength(nameLength);
        if (CodecStatus.OK == status) {
            status = checkLength(valueLength);
        }
        if (CodecStatus.OK != status) {
            return status;
        }
        int size = 1 + Uint16.SIZE + nameLength + Uint16.SIZE + valueLength;
        if (!room(size)) {
            return CodecStatus.INSUFFICIENT_CAPACITY;
        }
        int at = Uint16.writePrefixed(buffer, position + 1, src, nameOffset, nameLength);
        Uint16.writePrefixed(buffer, at, src, valueOffset, valueLength);
        return commit(PropertyId.USER_PROPERTY, size);
    }

    private static int checkLength(int length) {
        if (length < 0) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        return length > Uint16.MAX_VALUE ? CodecStatus.FIELD_TOO_LONG : CodecStatus.OK;
    }

    private boolean room(int size) {
        return position + size <= limit;
    }

    /** Writes the identifier, checks the property as a receiver would, and keeps it only if it passes. */
    private int commit(int id, int size) {
        buffer[position] = (byte) id;
        int next = PropertyCheck.one(buffer, position, position + size, context);
        if (next < 0) {
            return next;
        }
        long marked = PropertyCheck.markSeen(seen, id, context);
        if (0 == marked) {
            return CodecStatus.DUPLICATE_PROPERTY;
        }
        seen = marked;
        position = next;
        return CodecStatus.OK;
    }
}
