package dev.tern.mqtt.codec;

/**
 * SUBACK (3.9): a Packet Identifier and one return code per filter of the SUBSCRIBE, in order
 * [MQTT-3.9.3-1].
 *
 * <pre>
 *   byte 0        0x90                  type 9, flags 0000
 *   byte 1..4     Remaining Length      2 + number of return codes
 *   +0, +1        Packet Identifier     1..65535
 *   +2 ..         return codes          0x00, 0x01, 0x02 (granted QoS) or 0x80 (failure) [MQTT-3.9.3-2]
 * </pre>
 *
 * MQTT 5 SUBACK (3.9) and UNSUBACK (3.11) share one layout: Packet Identifier, Property Length
 * and Properties (Reason String, User Property), then one Reason Code per filter, each one the
 * packet type defines (Table 3-8 for SUBACK, 3-9 for UNSUBACK).
 */
public final class SubackCodec {

    public static final int GRANTED_QOS_0 = 0x00;
    public static final int GRANTED_QOS_1 = 0x01;
    public static final int GRANTED_QOS_2 = 0x02;
    public static final int FAILURE = 0x80;

    private SubackCodec() {
    }

    public static boolean isValidReturnCode(int returnCode) {
        return FAILURE == returnCode || (returnCode >= GRANTED_QOS_0 && returnCode <= GRANTED_QOS_2);
    }

    /**
     * Writes a SUBACK with {@code returnCodes[returnCodesOffset .. + count)}.
     *
     * @return the packet size, or {@link CodecStatus#CODEC_INVALID_PACKET_ID}, {@link CodecStatus#NO_TOPIC_FILTER}
     *     (count 0: a SUBSCRIBE has at least one filter), {@link CodecStatus#INVALID_SUBACK_RETURN_CODE},
     *     {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode(byte[] dst, int offset, int capacity, int packetId,
            byte[] returnCodes, int returnCodesOffset, int count) {
        if (packetId < 1 || packetId > Uint16.MAX_VALUE) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        if (count < 1) {
            return 0 == count ? CodecStatus.NO_TOPIC_FILTER : CodecStatus.VALUE_OUT_OF_RANGE;
        }
        for (int i = 0; i < count; i++) {
            if (!isValidReturnCode(returnCodes[returnCodesOffset + i] & 0xFF)) {
                return CodecStatus.INVALID_SUBACK_RETURN_CODE;
            }
        }
        long remainingLength = (long) Uint16.SIZE + count;
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, PacketType.SUBACK, 0, (int) remainingLength);
        position = Uint16.write(dst, position, packetId);
        System.arraycopy(returnCodes, returnCodesOffset, dst, position, count);
        return size;
    }

    /**
     * Writes an MQTT 5 SUBACK or UNSUBACK ({@code type}) with the properties and the Reason Codes
     * {@code reasonCodes[reasonCodesOffset .. + count)}.
     *
     * @return the packet size, or {@link CodecStatus#VALUE_OUT_OF_RANGE} (not such a type),
     *     {@link CodecStatus#CODEC_INVALID_PACKET_ID}, {@link CodecStatus#NO_TOPIC_FILTER},
     *     {@link CodecStatus#INVALID_REASON_CODE}, a property violation, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode5(byte[] dst, int offset, int capacity, int type, int packetId,
            byte[] properties, int propertiesOffset, int propertiesLength,
            byte[] reasonCodes, int reasonCodesOffset, int count) {
        if (PacketType.SUBACK != type && PacketType.UNSUBACK != type) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (packetId < 1 || packetId > Uint16.MAX_VALUE) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        if (count < 1) {
            return 0 == count ? CodecStatus.NO_TOPIC_FILTER : CodecStatus.VALUE_OUT_OF_RANGE;
        }
        for (int i = 0; i < count; i++) {
            if (!ReasonCode.isAllowed(reasonCodes[reasonCodesOffset + i] & 0xFF, type)) {
                return CodecStatus.INVALID_REASON_CODE;
            }
        }
        int status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, type);
        if (CodecStatus.OK != status) {
            return status;
        }
        long remainingLength = (long) Uint16.SIZE + Properties.encodedSize(propertiesLength) + count;
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, type, 0, (int) remainingLength);
        position = Uint16.write(dst, position, packetId);
        position = Properties.write(dst, position, properties, propertiesOffset, propertiesLength);
        System.arraycopy(reasonCodes, reasonCodesOffset, dst, position, count);
        return size;
    }

    /** MQTT 5 SUBACK or UNSUBACK: the Reason Codes land where 3.1.1 return codes do ({@link DecodedPacket#returnCode(int)}). */
    static int decodeBody5(byte[] src, int body, int remainingLength, DecodedPacket out) {
        if (remainingLength < Uint16.SIZE) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int packetId = Uint16.read(src, body);
        if (0 == packetId) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        int end = body + remainingLength;
        int first = Properties.decode(src, body + Uint16.SIZE, end, out.type, out);
        if (first < 0) {
            return first;
        }
        if (first == end) {
            return CodecStatus.NO_TOPIC_FILTER;
        }
        for (int i = first; i < end; i++) {
            if (!ReasonCode.isAllowed(src[i] & 0xFF, out.type)) {
                return CodecStatus.INVALID_REASON_CODE;
            }
        }
        out.packetId = packetId;
        out.returnCodesOffset = first;
        out.returnCodeCount = end - first;
        return CodecStatus.OK;
    }

    static int decodeBody(byte[] src, int body, int remainingLength, DecodedPacket out) {
        if (remainingLength < Uint16.SIZE + 1) {
            return remainingLength < Uint16.SIZE ? CodecStatus.INVALID_REMAINING_LENGTH : CodecStatus.NO_TOPIC_FILTER;
        }
        int packetId = Uint16.read(src, body);
        if (0 == packetId) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        int first = body + Uint16.SIZE;
        int end = body + remainingLength;
        for (int i = first; i < end; i++) {
            if (!isValidReturnCode(src[i] & 0xFF)) {
                return CodecStatus.INVALID_SUBACK_RETURN_CODE;
            }
        }
        out.packetId = packetId;
        out.returnCodesOffset = first;
        out.returnCodeCount = end - first;
        return CodecStatus.OK;
    }
}
