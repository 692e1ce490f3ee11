package dev.tern.mqtt.codec;

/**
 * CONNECT (3.1), protocol level 4 (MQTT 3.1.1) and 5:
 *
 * <pre>
 *   byte 0        0x10                     type 1, flags 0000
 *   byte 1..4     Remaining Length
 *   +0..+5        00 04 'M' 'Q' 'T' 'T'    Protocol Name [MQTT-3.1.2-1]
 *   +6            0x04                     Protocol Level [MQTT-3.1.2-2]
 *   +7            Connect Flags            bit 7 user name, 6 password, 5 will retain, 4-3 will QoS,
 *                                          2 will flag, 1 clean session, 0 reserved 0 [MQTT-3.1.2-3]
 *   +8, +9        Keep Alive               seconds
 *   +10 ..        payload, in this order [MQTT-3.1.3-1], each a 2-byte length and its bytes:
 *                 Client Identifier        always, UTF-8 [MQTT-3.1.3-4]
 *                 Will Topic, Will Message with the will flag; topic is a Topic Name, message binary
 *                 User Name                with its flag, UTF-8
 *                 Password                 with its flag, binary
 * </pre>
 *
 * MQTT 5 (3.1.2, 3.1.3): Protocol Level 5, bit 1 is Clean Start, Properties follow Keep Alive, and
 * Will Properties come before the Will Topic. A zero-byte Client Identifier is allowed whatever
 * Clean Start says (the Server assigns one, [MQTT-3.1.3-6]) and a Password needs no User Name.
 */
public final class ConnectCodec {

    public static final int PROTOCOL_NAME_OFFSET = 0;
    public static final int PROTOCOL_LEVEL_OFFSET = 6;
    public static final int CONNECT_FLAGS_OFFSET = 7;
    public static final int KEEP_ALIVE_OFFSET = 8;
    public static final int VARIABLE_HEADER_SIZE = 10;
    public static final int PROTOCOL_LEVEL_3_1_1 = ProtocolLevel.V3_1_1;

    public static final int USER_NAME_FLAG = 0x80;
    public static final int PASSWORD_FLAG = 0x40;
    public static final int WILL_RETAIN_FLAG = 0x20;
    public static final int WILL_QOS_MASK = 0x18;
    public static final int WILL_QOS_SHIFT = 3;
    public static final int WILL_FLAG = 0x04;
    public static final int CLEAN_SESSION_FLAG = 0x02;
    public static final int RESERVED_FLAG = 0x01;

    /** The length-prefixed Protocol Name "MQTT" (3.1.2.1). */
    private static final byte[] PROTOCOL_NAME = {0x00, 0x04, 'M', 'Q', 'T', 'T'};

    private ConnectCodec() {
    }

    /**
     * Writes a CONNECT into {@code dst[offset .. offset + capacity)}; nothing is written on failure.
     *
     * @return the packet size, or a status: {@link CodecStatus#VALUE_OUT_OF_RANGE} (keep alive),
     *     {@link CodecStatus#EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION}, {@link CodecStatus#CODEC_INVALID_QOS} (will),
     *     {@link CodecStatus#PASSWORD_WITHOUT_USER_NAME}, {@link CodecStatus#FIELD_TOO_LONG}, a UTF-8 or
     *     Topic Name status, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode(byte[] dst, int offset, int capacity, ConnectParameters p) {
        int status = check(p);
        if (CodecStatus.OK != status) {
            return status;
        }
        boolean v5 = ProtocolLevel.V5 == p.protocolLevel;
        long remainingLength = VARIABLE_HEADER_SIZE + Uint16.SIZE + p.clientIdLength;
        if (v5) {
            remainingLength += Properties.encodedSize(p.propertiesLength)
                    + (p.willFlag ? Properties.encodedSize(p.willPropertiesLength) : 0);
        }
        if (p.willFlag) {
            remainingLength += Uint16.SIZE + p.willTopicLength + Uint16.SIZE + p.willMessageLength;
        }
        if (p.hasUserName) {
            remainingLength += Uint16.SIZE + p.userNameLength;
        }
        if (p.hasPassword) {
            remainingLength += Uint16.SIZE + p.passwordLength;
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, PacketType.CONNECT, 0, (int) remainingLength);
        System.arraycopy(PROTOCOL_NAME, 0, dst, position, PROTOCOL_NAME.length);
        dst[position + PROTOCOL_LEVEL_OFFSET] = (byte) p.protocolLevel;
        dst[position + CONNECT_FLAGS_OFFSET] = (byte) flags(p);
        position = Uint16.write(dst, position + KEEP_ALIVE_OFFSET, p.keepAliveSeconds);
        if (v5) {
            position = Properties.write(dst, position, p.properties, p.propertiesOffset, p.propertiesLength);
        }
        position = Uint16.writePrefixed(dst, position, p.clientId, p.clientIdOffset, p.clientIdLength);
        if (v5 && p.willFlag) {
            position = Properties.write(dst, position, p.willProperties, p.willPropertiesOffset, p.willPropertiesLength);
        }
        if (p.willFlag) {
            position = Uint16.writePrefixed(dst, position, p.willTopic, p.willTopicOffset, p.willTopicLength);
            position = Uint16.writePrefixed(dst, position, p.willMessage, p.willMessageOffset, p.willMessageLength);
        }
        if (p.hasUserName) {
            position = Uint16.writePrefixed(dst, position, p.userName, p.userNameOffset, p.userNameLength);
        }
        if (p.hasPassword) {
            Uint16.writePrefixed(dst, position, p.password, p.passwordOffset, p.passwordLength);
        }
        return size;
    }

    private static int flags(ConnectParameters p) {
        int flags = p.cleanSession ? CLEAN_SESSION_FLAG : 0;
        if (p.willFlag) {
            flags |= WILL_FLAG | (p.willQos << WILL_QOS_SHIFT) | (p.willRetain ? WILL_RETAIN_FLAG : 0);
        }
        flags |= p.hasUserName ? USER_NAME_FLAG : 0;
        flags |= p.hasPassword ? PASSWORD_FLAG : 0;
        return flags;
    }

    private static int check(ConnectParameters p) {
        if (p.keepAliveSeconds < 0 || p.keepAliveSeconds > Uint16.MAX_VALUE || !ProtocolLevel.isSupported(p.protocolLevel)) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        boolean v5 = ProtocolLevel.V5 == p.protocolLevel;
        if (0 == p.clientIdLength && !p.cleanSession && !v5) {
            return CodecStatus.EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION;
        }
        int status = CodecStatus.OK;
        if (v5) {
            status = Properties.checkBlock(p.properties, p.propertiesOffset, p.propertiesLength, PacketType.CONNECT);
            if (CodecStatus.OK == status && p.willFlag) {
                status = Properties.checkBlock(p.willProperties, p.willPropertiesOffset, p.willPropertiesLength,
                        PropertyId.WILL_CONTEXT);
            }
        }
        if (CodecStatus.OK == status) {
            status = checkString(p.clientId, p.clientIdOffset, p.clientIdLength);
        }
        if (CodecStatus.OK == status && p.willFlag) {
            if (p.willQos < 0 || p.willQos > 2) {
                return CodecStatus.CODEC_INVALID_QOS;
            }
            status = TopicRules.checkName(p.willTopic, p.willTopicOffset, p.willTopicLength);
            if (CodecStatus.OK == status) {
                status = checkLength(p.willMessageLength);
            }
        }
        if (CodecStatus.OK == status && p.hasUserName) {
            status = checkString(p.userName, p.userNameOffset, p.userNameLength);
        }
        if (CodecStatus.OK == status && p.hasPassword) {
            status = p.hasUserName || v5 ? checkLength(p.passwordLength) : CodecStatus.PASSWORD_WITHOUT_USER_NAME;
        }
        return status;
    }

    private static int checkString(byte[] src, int offset, int length) {
        int status = checkLength(length);
        return CodecStatus.OK == status ? Utf8.check(src, offset, length) : status;
    }

    private static int checkLength(int length) {
        if (length < 0) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        return length > Uint16.MAX_VALUE ? CodecStatus.FIELD_TOO_LONG : CodecStatus.OK;
    }

    /** Decodes a CONNECT of protocol level {@code level}; another level is {@link CodecStatus#UNSUPPORTED_PROTOCOL_LEVEL}. */
    static int decodeBody(byte[] src, int body, int remainingLength, int level, DecodedPacket out) {
        if (remainingLength < VARIABLE_HEADER_SIZE) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        for (int i = 0; i < PROTOCOL_NAME.length; i++) {
            if (PROTOCOL_NAME[i] != src[body + PROTOCOL_NAME_OFFSET + i]) {
                return CodecStatus.INVALID_PROTOCOL_NAME;
            }
        }
        out.protocolLevel = src[body + PROTOCOL_LEVEL_OFFSET] & 0xFF;
        if (level != out.protocolLevel) {
            return CodecStatus.UNSUPPORTED_PROTOCOL_LEVEL;
        }
        int status = decodeFlags(src[body + CONNECT_FLAGS_OFFSET] & 0xFF, out);
        if (CodecStatus.OK != status) {
            return status;
        }
        out.keepAliveSeconds = Uint16.read(src, body + KEEP_ALIVE_OFFSET);
        int end = body + remainingLength;
        int position = body + VARIABLE_HEADER_SIZE;
        if (ProtocolLevel.V5 == level) {
            position = Properties.decode(src, position, end, PacketType.CONNECT, out);
            if (position < 0) {
                return position;
            }
        }
        return ConnectPayload.decode(src, position, end, out);
    }

    private static int decodeFlags(int flags, DecodedPacket out) {
        if (0 != (flags & RESERVED_FLAG)) {
            return CodecStatus.INVALID_CONNECT_FLAGS;
        }
        out.cleanSession = 0 != (flags & CLEAN_SESSION_FLAG);
        out.willFlag = 0 != (flags & WILL_FLAG);
        out.willQos = (flags & WILL_QOS_MASK) >>> WILL_QOS_SHIFT;
        out.willRetain = 0 != (flags & WILL_RETAIN_FLAG);
        out.hasUserName = 0 != (flags & USER_NAME_FLAG);
        out.hasPassword = 0 != (flags & PASSWORD_FLAG);
        if (!out.willFlag && (0 != out.willQos || out.willRetain)) {
            return CodecStatus.WILL_OPTIONS_WITHOUT_WILL;
        }
        if (out.willQos > 2) {
            return CodecStatus.CODEC_INVALID_QOS;
        }
        if (out.hasPassword && !out.hasUserName && ProtocolLevel.V5 != out.protocolLevel) {
            return CodecStatus.PASSWORD_WITHOUT_USER_NAME;
        }
        return CodecStatus.OK;
    }
}
