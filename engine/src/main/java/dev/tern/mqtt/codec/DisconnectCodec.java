package dev.tern.mqtt.codec;

/**
 * MQTT 5 DISCONNECT (3.14) and AUTH (3.15): a Reason Code and Properties, both of which may be
 * left out.
 *
 * <pre>
 *   byte 0        0xE0 (DISCONNECT) / 0xF0 (AUTH)   flags 0000
 *   byte 1..4     Remaining Length
 *   Remaining Length 0     Reason Code 0x00 (Normal disconnection / Success), no Properties
 *   Remaining Length 1     + Reason Code (Table 3-10 / 3-13); no Property Length, so no Properties
 *   Remaining Length 2..   + Reason Code, Property Length, Properties
 *                          DISCONNECT: Session Expiry Interval, Reason String, User Property, Server Reference
 *                          AUTH: Authentication Method, Authentication Data, Reason String, User Property
 * </pre>
 *
 * The encoder writes the shortest form that carries what it is given. Tern never starts enhanced
 * authentication (it sends no Authentication Method), so an AUTH it receives is decoded for the
 * log and refused by the client.
 */
public final class DisconnectCodec {

    private DisconnectCodec() {
    }

    /** Writes an MQTT 5 DISCONNECT; {@link #encode5} with {@code type} DISCONNECT. */
    public static int encodeDisconnect5(byte[] dst, int offset, int capacity, int reasonCode,
            byte[] properties, int propertiesOffset, int propertiesLength) {
        return encode5(dst, offset, capacity, PacketType.DISCONNECT, reasonCode, properties, propertiesOffset,
                propertiesLength);
    }

    /**
     * Writes an MQTT 5 DISCONNECT or AUTH.
     *
     * @return the packet size, or {@link CodecStatus#VALUE_OUT_OF_RANGE} (not such a type),
     *     {@link CodecStatus#INVALID_REASON_CODE}, a property violation, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode5(byte[] dst, int offset, int capacity, int type, int reasonCode,
            byte[] properties, int propertiesOffset, int propertiesLength) {
        if (PacketType.DISCONNECT != type && PacketType.AUTH != type) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (!ReasonCode.isAllowed(reasonCode, type)) {
            return CodecStatus.INVALID_REASON_CODE;
        }
        int status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, type);
        if (CodecStatus.OK != status) {
            return status;
        }
        long remainingLength = 0;
        if (propertiesLength > 0) {
            remainingLength = 1 + Properties.encodedSize(propertiesLength);
        } else if (ReasonCode.SUCCESS != reasonCode) {
            remainingLength = 1;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, type, 0, (int) remainingLength);
        if (remainingLength > 0) {
            dst[position] = (byte) reasonCode;
        }
        if (propertiesLength > 0) {
            Properties.write(dst, position + 1, properties, propertiesOffset, propertiesLength);
        }
        return size;
    }

    static int decodeBody5(byte[] src, int body, int remainingLength, DecodedPacket out) {
        if (0 == remainingLength) {
            return CodecStatus.OK;
        }
        int reasonCode = src[body] & 0xFF;
        if (!ReasonCode.isAllowed(reasonCode, out.type)) {
            return CodecStatus.INVALID_REASON_CODE;
        }
        out.reasonCode = reasonCode;
        int end = body + remainingLength;
        if (1 == remainingLength) {
            return CodecStatus.OK;
        }
        int position = Properties.decode(src, body + 1, end, out.type, out);
        if (position < 0) {
            return position;
        }
        return position == end ? CodecStatus.OK : CodecStatus.INVALID_REMAINING_LENGTH;
    }
}
