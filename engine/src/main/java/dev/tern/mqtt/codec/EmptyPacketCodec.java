package dev.tern.mqtt.codec;

/**
 * The packets that are only a fixed header: PINGREQ (3.12), PINGRESP (3.13), DISCONNECT (3.14).
 *
 * <pre>
 *   byte 0   type << 4             PINGREQ 0xC0, PINGRESP 0xD0, DISCONNECT 0xE0 (flags 0000)
 *   byte 1   Remaining Length      always 0
 * </pre>
 */
public final class EmptyPacketCodec {

    public static final int SIZE = 2;

    private EmptyPacketCodec() {
    }

    public static int encodePingreq(byte[] dst, int offset, int capacity) {
        return encode(dst, offset, capacity, PacketType.PINGREQ);
    }

    public static int encodePingresp(byte[] dst, int offset, int capacity) {
        return encode(dst, offset, capacity, PacketType.PINGRESP);
    }

    public static int encodeDisconnect(byte[] dst, int offset, int capacity) {
        return encode(dst, offset, capacity, PacketType.DISCONNECT);
    }

    /**
     * @return {@link #SIZE}, {@link CodecStatus#INSUFFICIENT_CAPACITY}, or
     *     {@link CodecStatus#VALUE_OUT_OF_RANGE} when {@code type} is not one of the three
     */
    public static int encode(byte[] dst, int offset, int capacity, int type) {
        if (0 != PacketType.fixedRemainingLength(type)) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, 0);
        if (size < 0) {
            return size;
        }
        return FixedHeader.write(dst, offset, type, 0, 0);
    }
}
