package dev.tern.mqtt.codec;

/**
 * The packets that carry only a Packet Identifier: PUBACK (3.4), PUBREC (3.5), PUBREL (3.6),
 * PUBCOMP (3.7) and UNSUBACK (3.11). Four bytes each:
 *
 * <pre>
 *   byte 0   type << 4 | flags     PUBACK 0x40, PUBREC 0x50, PUBREL 0x62, PUBCOMP 0x70, UNSUBACK 0xB0
 *   byte 1   Remaining Length      always 2
 *   byte 2   Packet Identifier MSB
 *   byte 3   Packet Identifier LSB (1..65535 [MQTT-2.3.1-1])
 * </pre>
 */
public final class AckCodec {

    public static final int PACKET_ID_OFFSET = 2;
    public static final int REMAINING_LENGTH = 2;
    public static final int SIZE = 4;

    private AckCodec() {
    }

    public static int encodePuback(byte[] dst, int offset, int capacity, int packetId) {
        return encode(dst, offset, capacity, PacketType.PUBACK, packetId);
    }

    public static int encodePubrec(byte[] dst, int offset, int capacity, int packetId) {
        return encode(dst, offset, capacity, PacketType.PUBREC, packetId);
    }

    public static int encodePubrel(byte[] dst, int offset, int capacity, int packetId) {
        return encode(dst, offset, capacity, PacketType.PUBREL, packetId);
    }

    public static int encodePubcomp(byte[] dst, int offset, int capacity, int packetId) {
        return encode(dst, offset, capacity, PacketType.PUBCOMP, packetId);
    }

    public static int encodeUnsuback(byte[] dst, int offset, int capacity, int packetId) {
        return encode(dst, offset, capacity, PacketType.UNSUBACK, packetId);
    }

    /**
     * Writes a PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK into {@code dst[offset .. offset + capacity)}.
     *
     * @return {@link #SIZE}, or {@link CodecStatus#CODEC_INVALID_PACKET_ID},
     *     {@link CodecStatus#INSUFFICIENT_CAPACITY}, {@link CodecStatus#VALUE_OUT_OF_RANGE} (not such a type)
     */
    public static int encode(byte[] dst, int offset, int capacity, int type, int packetId) {
        if (REMAINING_LENGTH != PacketType.fixedRemainingLength(type) || PacketType.CONNACK == type) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (packetId < 1 || packetId > Uint16.MAX_VALUE) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, REMAINING_LENGTH);
        if (size < 0) {
            return size;
        }
        FixedHeader.write(dst, offset, type, PacketType.requiredFlags(type), REMAINING_LENGTH);
        Uint16.write(dst, offset + PACKET_ID_OFFSET, packetId);
        return size;
    }

    static int decodeBody(byte[] src, int body, DecodedPacket out) {
        int packetId = Uint16.read(src, body);
        if (0 == packetId) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        out.packetId = packetId;
        return CodecStatus.OK;
    }
}
