package dev.tern.mqtt.codec;

/**
 * The checks of one MQTT 5 property (2.2.2.2, and each property's own section): used by
 * {@link Properties#validate} on received and encoded blocks and by {@link PropertyWriter} as it
 * adds a property, so both sides apply the same rules.
 */
final class PropertyCheck {

    private PropertyCheck() {
    }

    /**
     * Checks the property at {@code position}, which must end by {@code end}.
     *
     * @return the position after it, or a violation
     */
    static int one(byte[] src, int position, int end, int context) {
        int id = src[position] & 0xFF;
        int type = PropertyId.type(id);
        if (PropertyId.TYPE_UNKNOWN == type) {
            return CodecStatus.UNKNOWN_PROPERTY;
        }
        if (!PropertyId.isAllowed(id, context)) {
            return CodecStatus.PROPERTY_NOT_ALLOWED;
        }
        int value = position + 1;
        switch (type) {
            case PropertyId.TYPE_BYTE:
                return value + 1 > end ? CodecStatus.PROPERTY_VALUE_TRUNCATED : checkByte(id, src[value] & 0xFF, value + 1);
            case PropertyId.TYPE_INT16:
                return value + 2 > end ? CodecStatus.PROPERTY_VALUE_TRUNCATED : checkInt16(id, Uint16.read(src, value), value + 2);
            case PropertyId.TYPE_INT32:
                return value + 4 > end ? CodecStatus.PROPERTY_VALUE_TRUNCATED
                        : checkInt32(id, Properties.readInt32(src, value), value + 4);
            case PropertyId.TYPE_VARIABLE_BYTE_INTEGER:
                int vbi = RemainingLength.readWithin(src, value, end);
                if (vbi < 0) {
                    return vbi;
                }
                return 0 == vbi ? CodecStatus.SUBSCRIPTION_ID_ZERO : value + RemainingLength.size(vbi);
            case PropertyId.TYPE_STRING:
                return checkString(id, src, value, end);
            case PropertyId.TYPE_BINARY:
                return fieldEnd(src, value, end);
            default:
                int nameEnd = checkString(id, src, value, end);
                return nameEnd < 0 ? nameEnd : checkString(id, src, nameEnd, end);
        }
    }

    /**
     * Adds {@code id} to {@code seen} (a bit per identifier): the new set, or 0 when {@code id}
     * is already in it and may not repeat in {@code context}.
     */
    static long markSeen(long seen, int id, int context) {
        long mask = 1L << id;
        return 0 != (seen & mask) && !PropertyId.mayRepeat(id, context) ? 0 : seen | mask;
    }

    /** What Table 2-4's properties require of each other: Authentication Data needs a Method. */
    static int combination(long seen) {
        boolean data = 0 != (seen & (1L << PropertyId.AUTHENTICATION_DATA));
        boolean method = 0 != (seen & (1L << PropertyId.AUTHENTICATION_METHOD));
        return data && !method ? CodecStatus.AUTH_DATA_WITHOUT_METHOD : CodecStatus.OK;
    }

    private static int checkByte(int id, int value, int next) {
        if (PropertyId.MAXIMUM_QOS == id) {
            return value > 1 ? CodecStatus.INVALID_MAXIMUM_QOS : next;
        }
        // every other byte property is a 0-or-1 flag (Payload Format Indicator, Request ..., ... Available)
        return value > 1 ? CodecStatus.PROPERTY_NOT_0_OR_1 : next;
    }

    private static int checkInt16(int id, int value, int next) {
        if (0 != value) {
            return next;
        }
        if (PropertyId.RECEIVE_MAXIMUM == id) {
            return CodecStatus.RECEIVE_MAXIMUM_ZERO;
        }
        return PropertyId.TOPIC_ALIAS == id ? CodecStatus.TOPIC_ALIAS_ZERO : next;
    }

    private static int checkInt32(int id, long value, int next) {
        return PropertyId.MAXIMUM_PACKET_SIZE == id && 0 == value ? CodecStatus.MAXIMUM_PACKET_SIZE_ZERO : next;
    }

    /** A UTF-8 string [MQTT-1.5.4-1]; Response Topic must also be a Topic Name [MQTT-3.3.2-14]. */
    private static int checkString(int id, byte[] src, int position, int end) {
        int next = fieldEnd(src, position, end);
        if (next < 0) {
            return next;
        }
        int offset = position + Uint16.SIZE;
        int status = PropertyId.RESPONSE_TOPIC == id ? TopicRules.checkName(src, offset, next - offset)
                : Utf8.check(src, offset, next - offset);
        return CodecStatus.OK == status ? next : status;
    }

    /** The end of the length-prefixed field at {@code position}, or {@link CodecStatus#PROPERTY_VALUE_TRUNCATED}. */
    private static int fieldEnd(byte[] src, int position, int end) {
        if (position + Uint16.SIZE > end) {
            return CodecStatus.PROPERTY_VALUE_TRUNCATED;
        }
        int next = position + Uint16.SIZE + Uint16.read(src, position);
        return next > end ? CodecStatus.PROPERTY_VALUE_TRUNCATED : next;
    }
}
