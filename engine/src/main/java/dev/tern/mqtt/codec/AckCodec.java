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
 *
 * MQTT 5 PUBACK, PUBREC, PUBREL, PUBCOMP (3.4.2 to 3.7.2) may go on after the Packet Identifier:
 *
 * <pre>
 *   Remaining Length 2     Reason Code 0x00 (Success), no Properties: the short form
 *   Remaining Length 3     + Reason Code; no Property Length, so no Properties
 *   Remaining Length 4..   + Reason Code, Property Length, Properties (Reason String, User Property)
 * </pre>
 *
 * The encoder writes the shortest form that carries what it is given. MQTT 5 UNSUBACK carries
 * a Reason Code per filter: {@link SubackCodec#encode5}.
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

    /**
     * Writes an MQTT 5 PUBACK, PUBREC, PUBREL or PUBCOMP with {@code reasonCode} and the
     * properties {@code properties[propertiesOffset .. + propertiesLength)} (built with
     * {@link PropertyWriter}; length 0 for none).
     *
     * @return the packet size, or {@link CodecStatus#VALUE_OUT_OF_RANGE} (not such a type),
     *     {@link CodecStatus#CODEC_INVALID_PACKET_ID}, {@link CodecStatus#INVALID_REASON_CODE}, a property
     *     violation, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode5(byte[] dst, int offset, int capacity, int type, int packetId, int reasonCode,
            byte[] properties, int propertiesOffset, int propertiesLength) {
        if (type < PacketType.PUBACK || type > PacketType.PUBCOMP) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (packetId < 1 || packetId > Uint16.MAX_VALUE) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        if (!ReasonCode.isAllowed(reasonCode, type)) {
            return CodecStatus.INVALID_REASON_CODE;
        }
        int status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, type);
        if (CodecStatus.OK != status) {
            return status;
        }
        long remainingLength = REMAINING_LENGTH;
        if (propertiesLength > 0) {
            remainingLength += 1 + Properties.encodedSize(propertiesLength);
        } else if (ReasonCode.SUCCESS != reasonCode) {
            remainingLength += 1;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, type, PacketType.requiredFlags(type), (int) remainingLength);
        position = Uint16.write(dst, position, packetId);
        if (remainingLength > REMAINING_LENGTH) {
            dst[position++] = (byte) reasonCode;
        }
        if (propertiesLength > 0) {
            Properties.write(dst, position, properties, propertiesOffset, propertiesLength);
        }
        return size;
    }

    /** MQTT 5 PUBACK, PUBREC, PUBREL, PUBCOMP: Packet Identifier, then the optional Reason Code and Properties. */
    static int decodeBody5(byte[] src, int body, int remainingLength, DecodedPacket out) {
        if (remainingLength < REMAINING_LENGTH) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int status = decodeBody(src, body, out);
        if (CodecStatus.OK != status || REMAINING_LENGTH == remainingLength) {
            return status;
        }
        int reasonCode = src[body + REMAINING_LENGTH] & 0xFF;
        if (!ReasonCode.isAllowed(reasonCode, out.type)) {
            return CodecStatus.INVALID_REASON_CODE;
        }
        out.reasonCode = reasonCode;
        int end = body + remainingLength;
        int position = body + REMAINING_LENGTH + 1;
        if (position == end) {
            return CodecStatus.OK;
        }
        position = Properties.decode(src, position, end, out.type, out);
        if (position < 0) {
            return position;
        }
        return position == end ? CodecStatus.OK : CodecStatus.INVALID_REMAINING_LENGTH;
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
