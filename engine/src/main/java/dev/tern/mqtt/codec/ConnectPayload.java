package dev.tern.mqtt.codec;

/**
 * Decodes the CONNECT payload (3.1.3): length-prefixed fields in the order Client Identifier,
 * Will Topic, Will Message, User Name, Password [MQTT-3.1.3-1], present as the flags (already
 * in {@code out}) say, and nothing after them. MQTT 5 puts the Will Properties before the Will
 * Topic (3.1.3.2) and allows an empty Client Identifier whatever Clean Start says.
 */
final class ConnectPayload {

    private ConnectPayload() {
    }

    static int decode(byte[] src, int position, int end, DecodedPacket out) {
        int length = fieldLength(src, position, end);
        if (length < 0) {
            return length;
        }
        out.clientIdOffset = position + Uint16.SIZE;
        out.clientIdLength = length;
        position = out.clientIdOffset + length;
        int status = Utf8.check(src, out.clientIdOffset, length);
        if (CodecStatus.OK != status) {
            return status;
        }
        boolean v5 = ProtocolLevel.V5 == out.protocolLevel;
        if (0 == length && !out.cleanSession && !v5) {
            return CodecStatus.EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION;
        }
        if (out.willFlag && v5) {
            position = Properties.decode(src, position, end, PropertyId.WILL_CONTEXT, out);
            if (position < 0) {
                return position;
            }
        }
        if (out.willFlag) {
            length = fieldLength(src, position, end);
            if (length < 0) {
                return length;
            }
            out.willTopicOffset = position + Uint16.SIZE;
            out.willTopicLength = length;
            position = out.willTopicOffset + length;
            status = TopicRules.checkName(src, out.willTopicOffset, length);
            if (CodecStatus.OK != status) {
                return status;
            }
            length = fieldLength(src, position, end);
            if (length < 0) {
                return length;
            }
            out.willMessageOffset = position + Uint16.SIZE;
            out.willMessageLength = length;
            position = out.willMessageOffset + length;
        }
        if (out.hasUserName) {
            length = fieldLength(src, position, end);
            if (length < 0) {
                return length;
            }
            out.userNameOffset = position + Uint16.SIZE;
            out.userNameLength = length;
            position = out.userNameOffset + length;
            status = Utf8.check(src, out.userNameOffset, length);
            if (CodecStatus.OK != status) {
                return status;
            }
        }
        if (out.hasPassword) {
            length = fieldLength(src, position, end);
            if (length < 0) {
                return length;
            }
            out.passwordOffset = position + Uint16.SIZE;
            out.passwordLength = length;
            position = out.passwordOffset + length;
        }
        return position == end ? CodecStatus.OK : CodecStatus.INVALID_REMAINING_LENGTH;
    }

    /** The length of the field at {@code position}, or a status when it does not fit before {@code end}. */
    private static int fieldLength(byte[] src, int position, int end) {
        if (position + Uint16.SIZE > end) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int length = Uint16.read(src, position);
        return position + Uint16.SIZE + length > end ? CodecStatus.FIELD_EXCEEDS_PACKET : length;
    }
}
