package dev.tern.mqtt.codec;

/**
 * The fixed header present in every Control Packet (2.2):
 *
 * <pre>
 *   bit      7   6   5   4   3   2   1   0
 *   byte 1   packet type   | flags
 *                          | PUBLISH: DUP | QoS(2) | RETAIN
 *   byte 2.. Remaining Length, 1 to 4 bytes (see RemainingLength)
 * </pre>
 */
public final class FixedHeader {

    public static final int TYPE_AND_FLAGS_OFFSET = 0;
    public static final int REMAINING_LENGTH_OFFSET = 1;
    /** The shortest fixed header (and packet): one type byte and a one-byte Remaining Length. */
    public static final int MIN_SIZE = 2;

    public static final int TYPE_SHIFT = 4;
    public static final int FLAGS_MASK = 0x0F;
    /** PUBLISH: bit 3, a re-delivery (3.3.1.1). */
    public static final int DUP_FLAG = 0x08;
    /** PUBLISH: bits 2-1 (3.3.1.2). */
    public static final int QOS_MASK = 0x06;
    public static final int QOS_SHIFT = 1;
    /** PUBLISH: bit 0 (3.3.1.3). */
    public static final int RETAIN_FLAG = 0x01;

    private FixedHeader() {
    }

    public static int type(int firstByte) {
        return (firstByte & 0xFF) >>> TYPE_SHIFT;
    }

    public static int flags(int firstByte) {
        return firstByte & FLAGS_MASK;
    }

    /** Total bytes of a packet with Remaining Length {@code remainingLength}. */
    public static int packetSize(int remainingLength) {
        return 1 + RemainingLength.size(remainingLength) + remainingLength;
    }

    /**
     * Checks the first byte alone: type 1..14, flags as Table 2.2 requires, and for PUBLISH no QoS
     * 3 and no DUP at QoS 0. Returns {@link CodecStatus#OK} or the violation.
     */
    public static int check(int firstByte) {
        return check(firstByte, ProtocolLevel.V3_1_1);
    }

    /** As {@link #check(int)} for {@code protocolLevel}: MQTT 5 adds AUTH (15, flags 0000). */
    public static int check(int firstByte, int protocolLevel) {
        int type = type(firstByte);
        int flags = flags(firstByte);
        if (!PacketType.isValid(type, protocolLevel)) {
            return CodecStatus.RESERVED_PACKET_TYPE;
        }
        if (PacketType.PUBLISH != type) {
            return PacketType.requiredFlags(type) == flags ? CodecStatus.OK : CodecStatus.INVALID_FLAGS;
        }
        int qos = (flags & QOS_MASK) >>> QOS_SHIFT;
        if (qos > 2) {
            return CodecStatus.CODEC_INVALID_QOS;
        }
        if (0 == qos && 0 != (flags & DUP_FLAG)) {
            return CodecStatus.DUP_WITH_QOS_0;
        }
        return CodecStatus.OK;
    }

    /** Writes type, flags and Remaining Length at {@code offset}; returns the header size. */
    public static int write(byte[] dst, int offset, int type, int flags, int remainingLength) {
        dst[offset + TYPE_AND_FLAGS_OFFSET] = (byte) ((type << TYPE_SHIFT) | flags);
        return 1 + RemainingLength.write(dst, offset + REMAINING_LENGTH_OFFSET, remainingLength);
    }

    /**
     * Encoders' common start: the whole packet size for {@code remainingLength}, or
     * {@link CodecStatus#REMAINING_LENGTH_TOO_LARGE} / {@link CodecStatus#INSUFFICIENT_CAPACITY}
     * when it cannot be written into {@code dst[offset .. offset + capacity)}.
     */
    static int sizeWithin(byte[] dst, int offset, int capacity, long remainingLength) {
        if (remainingLength > RemainingLength.MAX_VALUE) {
            return CodecStatus.REMAINING_LENGTH_TOO_LARGE;
        }
        if (offset < 0 || capacity < 0) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int size = packetSize((int) remainingLength);
        int room = Math.min(capacity, dst.length - offset);
        return size <= room ? size : CodecStatus.INSUFFICIENT_CAPACITY;
    }
}
