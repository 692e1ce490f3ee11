package dev.tern.mqtt.codec;

/**
 * CONNACK (3.2), four bytes:
 *
 * <pre>
 *   byte 0   0x20                  type 2, flags 0000
 *   byte 1   0x02                  Remaining Length
 *   byte 2   0000000s              Connect Acknowledge Flags: bits 7-1 reserved 0, bit 0 Session Present
 *   byte 3   return code           0..5 (Table 3.1); Session Present must be 0 unless it is 0 [MQTT-3.2.2-4]
 * </pre>
 *
 * MQTT 5 (3.2.2): the same two bytes, the second a Reason Code (Table 3-1: 0x00 or a failure; a
 * failure with Session Present 0 [MQTT-3.2.2-6]), then always a Property Length and Properties.
 */
public final class ConnackCodec {

    public static final int ACKNOWLEDGE_FLAGS_OFFSET = 2;
    public static final int RETURN_CODE_OFFSET = 3;
    public static final int SIZE = 4;
    public static final int SESSION_PRESENT_FLAG = 0x01;

    public static final int ACCEPTED = 0;
    public static final int REFUSED_PROTOCOL_VERSION = 1;
    public static final int REFUSED_IDENTIFIER_REJECTED = 2;
    public static final int REFUSED_SERVER_UNAVAILABLE = 3;
    public static final int REFUSED_BAD_USER_NAME_OR_PASSWORD = 4;
    public static final int REFUSED_NOT_AUTHORIZED = 5;

    private ConnackCodec() {
    }

    /**
     * @return {@link #SIZE}, or {@link CodecStatus#INVALID_CONNACK_RETURN_CODE},
     *     {@link CodecStatus#SESSION_PRESENT_WITH_REFUSAL}, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode(byte[] dst, int offset, int capacity, boolean sessionPresent, int returnCode) {
        int status = check(sessionPresent ? SESSION_PRESENT_FLAG : 0, returnCode);
        if (CodecStatus.OK != status) {
            return status;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, 2);
        if (size < 0) {
            return size;
        }
        FixedHeader.write(dst, offset, PacketType.CONNACK, 0, 2);
        dst[offset + ACKNOWLEDGE_FLAGS_OFFSET] = (byte) (sessionPresent ? SESSION_PRESENT_FLAG : 0);
        dst[offset + RETURN_CODE_OFFSET] = (byte) returnCode;
        return size;
    }

    /**
     * Writes an MQTT 5 CONNACK with the given properties (built with {@link PropertyWriter}).
     *
     * @return the packet size, or {@link CodecStatus#INVALID_REASON_CODE},
     *     {@link CodecStatus#SESSION_PRESENT_WITH_REFUSAL}, a property violation,
     *     {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode5(byte[] dst, int offset, int capacity, boolean sessionPresent, int reasonCode,
            byte[] properties, int propertiesOffset, int propertiesLength) {
        int status = check5(sessionPresent ? SESSION_PRESENT_FLAG : 0, reasonCode);
        if (CodecStatus.OK == status) {
            status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, PacketType.CONNACK);
        }
        if (CodecStatus.OK != status) {
            return status;
        }
        long remainingLength = 2 + Properties.encodedSize(propertiesLength);
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, PacketType.CONNACK, 0, (int) remainingLength);
        dst[position] = (byte) (sessionPresent ? SESSION_PRESENT_FLAG : 0);
        dst[position + 1] = (byte) reasonCode;
        Properties.write(dst, position + 2, properties, propertiesOffset, propertiesLength);
        return size;
    }

    static int decodeBody5(byte[] src, int body, int remainingLength, DecodedPacket out) {
        if (remainingLength < 3) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int acknowledgeFlags = src[body] & 0xFF;
        int reasonCode = src[body + 1] & 0xFF;
        int status = check5(acknowledgeFlags, reasonCode);
        if (CodecStatus.OK != status) {
            return status;
        }
        int end = body + remainingLength;
        int position = Properties.decode(src, body + 2, end, PacketType.CONNACK, out);
        if (position < 0) {
            return position;
        }
        out.sessionPresent = SESSION_PRESENT_FLAG == acknowledgeFlags;
        out.reasonCode = reasonCode;
        return position == end ? CodecStatus.OK : CodecStatus.INVALID_REMAINING_LENGTH;
    }

    private static int check5(int acknowledgeFlags, int reasonCode) {
        if (0 != (acknowledgeFlags & ~SESSION_PRESENT_FLAG)) {
            return CodecStatus.INVALID_CONNACK_FLAGS;
        }
        if (!ReasonCode.isAllowed(reasonCode, PacketType.CONNACK)) {
            return CodecStatus.INVALID_REASON_CODE;
        }
        if (ReasonCode.SUCCESS != reasonCode && 0 != acknowledgeFlags) {
            return CodecStatus.SESSION_PRESENT_WITH_REFUSAL;
        }
        return CodecStatus.OK;
    }

    static int decodeBody(byte[] src, int body, DecodedPacket out) {
        int acknowledgeFlags = src[body] & 0xFF;
        int returnCode = src[body + 1] & 0xFF;
        int status = check(acknowledgeFlags, returnCode);
        if (CodecStatus.OK != status) {
            return status;
        }
        out.sessionPresent = SESSION_PRESENT_FLAG == acknowledgeFlags;
        out.returnCode = returnCode;
        return CodecStatus.OK;
    }

    private static int check(int acknowledgeFlags, int returnCode) {
        if (0 != (acknowledgeFlags & ~SESSION_PRESENT_FLAG)) {
            return CodecStatus.INVALID_CONNACK_FLAGS;
        }
        if (returnCode < ACCEPTED || returnCode > REFUSED_NOT_AUTHORIZED) {
            return CodecStatus.INVALID_CONNACK_RETURN_CODE;
        }
        if (ACCEPTED != returnCode && 0 != acknowledgeFlags) {
            return CodecStatus.SESSION_PRESENT_WITH_REFUSAL;
        }
        return CodecStatus.OK;
    }
}
