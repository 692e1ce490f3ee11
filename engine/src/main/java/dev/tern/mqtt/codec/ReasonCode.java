package dev.tern.mqtt.codec;

/**
 * MQTT 5 Reason Codes (2.4, Table 2-6): the values, the packets each may appear in, and names
 * for logs and for surfacing refusals. 0x00 reads differently per packet (Success, Normal
 * disconnection, Granted QoS 0): {@link #name(int, int)} says which. The MQTT 3.1.1 CONNACK return
 * codes (3.2.2.3, Table 3.1) are named by {@link #connackReturnCodeName(int)}.
 * {@link #forViolation(int)} gives the DISCONNECT reason for a codec violation (4.13).
 */
public final class ReasonCode {
    /**
     * Success; in DISCONNECT Normal disconnection, in SUBACK Granted QoS 0: CONNACK, PUBACK, PUBREC, PUBREL,
     * PUBCOMP, UNSUBACK, AUTH, DISCONNECT, SUBACK.
     */
    public static final int SUCCESS = 0x00;
    /** Granted QoS 1: SUBACK. */
    public static final int GRANTED_QOS_1 = 0x01;
    /** Granted QoS 2: SUBACK. */
    public static final int GRANTED_QOS_2 = 0x02;
    /** Disconnect with Will Message: DISCONNECT. */
    public static final int DISCONNECT_WITH_WILL_MESSAGE = 0x04;
    /** No matching subscribers: PUBACK, PUBREC. */
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    /** No subscription existed: UNSUBACK. */
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    /** Continue authentication: AUTH. */
    public static final int CONTINUE_AUTHENTICATION = 0x18;
    /** Re-authenticate: AUTH. */
    public static final int RE_AUTHENTICATE = 0x19;
    /** Unspecified error: CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT. */
    public static final int UNSPECIFIED_ERROR = 0x80;
    /** Malformed Packet: CONNACK, DISCONNECT. */
    public static final int MALFORMED_PACKET = 0x81;
    /** Protocol Error: CONNACK, DISCONNECT. */
    public static final int PROTOCOL_ERROR = 0x82;
    /** Implementation specific error: CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT. */
    public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    /** Unsupported Protocol Version: CONNACK. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    /** Client Identifier not valid: CONNACK. */
    public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    /** Bad User Name or Password: CONNACK. */
    public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    /** Not authorized: CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT. */
    public static final int NOT_AUTHORIZED = 0x87;
    /** Server unavailable: CONNACK. */
    public static final int SERVER_UNAVAILABLE = 0x88;
    /** Server busy: CONNACK, DISCONNECT. */
    public static final int SERVER_BUSY = 0x89;
    /** Banned: CONNACK. */
    public static final int BANNED = 0x8A;
    /** Server shutting down: DISCONNECT. */
    public static final int SERVER_SHUTTING_DOWN = 0x8B;
    /** Bad authentication method: CONNACK, DISCONNECT. */
    public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
    /** Keep Alive timeout: DISCONNECT. */
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    /** Session taken over: DISCONNECT. */
    public static final int SESSION_TAKEN_OVER = 0x8E;
    /** Topic Filter invalid: SUBACK, UNSUBACK, DISCONNECT. */
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    /** Topic Name invalid: CONNACK, PUBACK, PUBREC, DISCONNECT. */
    public static final int TOPIC_NAME_INVALID = 0x90;
    /** Packet Identifier in use: PUBACK, PUBREC, SUBACK, UNSUBACK. */
    public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    /** Packet Identifier not found: PUBREL, PUBCOMP. */
    public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    /** Receive Maximum exceeded: DISCONNECT. */
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    /** Topic Alias invalid: DISCONNECT. */
    public static final int TOPIC_ALIAS_INVALID = 0x94;
    /** Packet too large: CONNACK, DISCONNECT. */
    public static final int PACKET_TOO_LARGE = 0x95;
    /** Message rate too high: DISCONNECT. */
    public static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    /** Quota exceeded: CONNACK, PUBACK, PUBREC, SUBACK, DISCONNECT. */
    public static final int QUOTA_EXCEEDED = 0x97;
    /** Administrative action: DISCONNECT. */
    public static final int ADMINISTRATIVE_ACTION = 0x98;
    /** Payload format invalid: CONNACK, PUBACK, PUBREC, DISCONNECT. */
    public static final int PAYLOAD_FORMAT_INVALID = 0x99;
    /** Retain not supported: CONNACK, DISCONNECT. */
    public static final int RETAIN_NOT_SUPPORTED = 0x9A;
    /** QoS not supported: CONNACK, DISCONNECT. */
    public static final int QOS_NOT_SUPPORTED = 0x9B;
    /** Use another server: CONNACK, DISCONNECT. */
    public static final int USE_ANOTHER_SERVER = 0x9C;
    /** Server moved: CONNACK, DISCONNECT. */
    public static final int SERVER_MOVED = 0x9D;
    /** Shared Subscriptions not supported: SUBACK, DISCONNECT. */
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    /** Connection rate exceeded: CONNACK, DISCONNECT. */
    public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    /** Maximum connect time: DISCONNECT. */
    public static final int MAXIMUM_CONNECT_TIME = 0xA0;
    /** Subscription Identifiers not supported: SUBACK, DISCONNECT. */
    public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
    /** Wildcard Subscriptions not supported: SUBACK, DISCONNECT. */
    public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;
    /** 0x00 in a DISCONNECT. */
    public static final int NORMAL_DISCONNECTION = 0x00;
    /** 0x00 in a SUBACK. */
    public static final int GRANTED_QOS_0 = 0x00;
    /** Codes at or above this are failures (2.4). */
    public static final int FIRST_FAILURE = 0x80;

    private ReasonCode() {
    }

    public static boolean isFailure(int code) {
        return code >= FIRST_FAILURE;
    }

    /** True when {@code code} is defined for packets of {@code type} (Table 2-6). */
    public static boolean isAllowed(int code, int type) {
        return 0 != (packets(code) & PropertyId.bit(type));
    }

    /** The packet types (a bit per type) that may carry {@code code}; 0 for an undefined code. */
    static int packets(int code) {
        switch (code) {
            case SUCCESS:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.PUBREL) | bit(PacketType.PUBCOMP) | bit(PacketType.UNSUBACK)
                        | bit(PacketType.AUTH) | bit(PacketType.DISCONNECT) | bit(PacketType.SUBACK);
            case GRANTED_QOS_1: return bit(PacketType.SUBACK);
            case GRANTED_QOS_2: return bit(PacketType.SUBACK);
            case DISCONNECT_WITH_WILL_MESSAGE: return bit(PacketType.DISCONNECT);
            case NO_MATCHING_SUBSCRIBERS: return bit(PacketType.PUBACK) | bit(PacketType.PUBREC);
            case NO_SUBSCRIPTION_EXISTED: return bit(PacketType.UNSUBACK);
            case CONTINUE_AUTHENTICATION: return bit(PacketType.AUTH);
            case RE_AUTHENTICATE: return bit(PacketType.AUTH);
            case UNSPECIFIED_ERROR:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.SUBACK) | bit(PacketType.UNSUBACK) | bit(PacketType.DISCONNECT);
            case MALFORMED_PACKET: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case PROTOCOL_ERROR: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case IMPLEMENTATION_SPECIFIC_ERROR:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.SUBACK) | bit(PacketType.UNSUBACK) | bit(PacketType.DISCONNECT);
            case UNSUPPORTED_PROTOCOL_VERSION: return bit(PacketType.CONNACK);
            case CLIENT_IDENTIFIER_NOT_VALID: return bit(PacketType.CONNACK);
            case BAD_USER_NAME_OR_PASSWORD: return bit(PacketType.CONNACK);
            case NOT_AUTHORIZED:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.SUBACK) | bit(PacketType.UNSUBACK) | bit(PacketType.DISCONNECT);
            case SERVER_UNAVAILABLE: return bit(PacketType.CONNACK);
            case SERVER_BUSY: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case BANNED: return bit(PacketType.CONNACK);
            case SERVER_SHUTTING_DOWN: return bit(PacketType.DISCONNECT);
            case BAD_AUTHENTICATION_METHOD: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case KEEP_ALIVE_TIMEOUT: return bit(PacketType.DISCONNECT);
            case SESSION_TAKEN_OVER: return bit(PacketType.DISCONNECT);
            case TOPIC_FILTER_INVALID:
                return bit(PacketType.SUBACK) | bit(PacketType.UNSUBACK) | bit(PacketType.DISCONNECT);
            case TOPIC_NAME_INVALID:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.DISCONNECT);
            case PACKET_IDENTIFIER_IN_USE:
                return bit(PacketType.PUBACK) | bit(PacketType.PUBREC) | bit(PacketType.SUBACK)
                        | bit(PacketType.UNSUBACK);
            case PACKET_IDENTIFIER_NOT_FOUND: return bit(PacketType.PUBREL) | bit(PacketType.PUBCOMP);
            case RECEIVE_MAXIMUM_EXCEEDED: return bit(PacketType.DISCONNECT);
            case TOPIC_ALIAS_INVALID: return bit(PacketType.DISCONNECT);
            case PACKET_TOO_LARGE: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case MESSAGE_RATE_TOO_HIGH: return bit(PacketType.DISCONNECT);
            case QUOTA_EXCEEDED:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.SUBACK) | bit(PacketType.DISCONNECT);
            case ADMINISTRATIVE_ACTION: return bit(PacketType.DISCONNECT);
            case PAYLOAD_FORMAT_INVALID:
                return bit(PacketType.CONNACK) | bit(PacketType.PUBACK) | bit(PacketType.PUBREC)
                        | bit(PacketType.DISCONNECT);
            case RETAIN_NOT_SUPPORTED: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case QOS_NOT_SUPPORTED: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case USE_ANOTHER_SERVER: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case SERVER_MOVED: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case SHARED_SUBSCRIPTIONS_NOT_SUPPORTED: return bit(PacketType.SUBACK) | bit(PacketType.DISCONNECT);
            case CONNECTION_RATE_EXCEEDED: return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case MAXIMUM_CONNECT_TIME: return bit(PacketType.DISCONNECT);
            case SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED: return bit(PacketType.SUBACK) | bit(PacketType.DISCONNECT);
            case WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED: return bit(PacketType.SUBACK) | bit(PacketType.DISCONNECT);
            default: return 0;
        }
    }

    private static int bit(int type) {
        return PropertyId.bit(type);
    }

    /** The code's name as {@code type} means it, e.g. "NORMAL_DISCONNECTION" for 0 in a DISCONNECT. */
    public static String name(int code, int type) {
        if (SUCCESS == code) {
            if (PacketType.DISCONNECT == type) {
                return "NORMAL_DISCONNECTION";
            }
            return PacketType.SUBACK == type ? "GRANTED_QOS_0" : "SUCCESS";
        }
        return name(code);
    }

    /** The code's name; "UNKNOWN_REASON_CODE" for a value Table 2-6 does not define. */
    public static String name(int code) {
        switch (code) {
            case SUCCESS: return "SUCCESS";
            case GRANTED_QOS_1: return "GRANTED_QOS_1";
            case GRANTED_QOS_2: return "GRANTED_QOS_2";
            case DISCONNECT_WITH_WILL_MESSAGE: return "DISCONNECT_WITH_WILL_MESSAGE";
            case NO_MATCHING_SUBSCRIBERS: return "NO_MATCHING_SUBSCRIBERS";
            case NO_SUBSCRIPTION_EXISTED: return "NO_SUBSCRIPTION_EXISTED";
            case CONTINUE_AUTHENTICATION: return "CONTINUE_AUTHENTICATION";
            case RE_AUTHENTICATE: return "RE_AUTHENTICATE";
            case UNSPECIFIED_ERROR: return "UNSPECIFIED_ERROR";
            case MALFORMED_PACKET: return "MALFORMED_PACKET";
            case PROTOCOL_ERROR: return "PROTOCOL_ERROR";
            case IMPLEMENTATION_SPECIFIC_ERROR: return "IMPLEMENTATION_SPECIFIC_ERROR";
            case UNSUPPORTED_PROTOCOL_VERSION: return "UNSUPPORTED_PROTOCOL_VERSION";
            case CLIENT_IDENTIFIER_NOT_VALID: return "CLIENT_IDENTIFIER_NOT_VALID";
            case BAD_USER_NAME_OR_PASSWORD: return "BAD_USER_NAME_OR_PASSWORD";
            case NOT_AUTHORIZED: return "NOT_AUTHORIZED";
            case SERVER_UNAVAILABLE: return "SERVER_UNAVAILABLE";
            case SERVER_BUSY: return "SERVER_BUSY";
            case BANNED: return "BANNED";
            case SERVER_SHUTTING_DOWN: return "SERVER_SHUTTING_DOWN";
            case BAD_AUTHENTICATION_METHOD: return "BAD_AUTHENTICATION_METHOD";
            case KEEP_ALIVE_TIMEOUT: return "KEEP_ALIVE_TIMEOUT";
            case SESSION_TAKEN_OVER: return "SESSION_TAKEN_OVER";
            case TOPIC_FILTER_INVALID: return "TOPIC_FILTER_INVALID";
            case TOPIC_NAME_INVALID: return "TOPIC_NAME_INVALID";
            case PACKET_IDENTIFIER_IN_USE: return "PACKET_IDENTIFIER_IN_USE";
            case PACKET_IDENTIFIER_NOT_FOUND: return "PACKET_IDENTIFIER_NOT_FOUND";
            case RECEIVE_MAXIMUM_EXCEEDED: return "RECEIVE_MAXIMUM_EXCEEDED";
            case TOPIC_ALIAS_INVALID: return "TOPIC_ALIAS_INVALID";
            case PACKET_TOO_LARGE: return "PACKET_TOO_LARGE";
            case MESSAGE_RATE_TOO_HIGH: return "MESSAGE_RATE_TOO_HIGH";
            case QUOTA_EXCEEDED: return "QUOTA_EXCEEDED";
            case ADMINISTRATIVE_ACTION: return "ADMINISTRATIVE_ACTION";
            case PAYLOAD_FORMAT_INVALID: return "PAYLOAD_FORMAT_INVALID";
            case RETAIN_NOT_SUPPORTED: return "RETAIN_NOT_SUPPORTED";
            case QOS_NOT_SUPPORTED: return "QOS_NOT_SUPPORTED";
            case USE_ANOTHER_SERVER: return "USE_ANOTHER_SERVER";
            case SERVER_MOVED: return "SERVER_MOVED";
            case SHARED_SUBSCRIPTIONS_NOT_SUPPORTED: return "SHARED_SUBSCRIPTIONS_NOT_SUPPORTED";
            case CONNECTION_RATE_EXCEEDED: return "CONNECTION_RATE_EXCEEDED";
            case MAXIMUM_CONNECT_TIME: return "MAXIMUM_CONNECT_TIME";
            case SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED: return "SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED";
            case WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED: return "WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED";
            default: return "UNKNOWN_REASON_CODE";
        }
    }

    /** MQTT 3.1.1 CONNACK return codes 0..5 (Table 3.1); "UNKNOWN_RETURN_CODE" otherwise. */
    public static String connackReturnCodeName(int returnCode) {
        switch (returnCode) {
            case ConnackCodec.ACCEPTED: return "ACCEPTED";
            case ConnackCodec.REFUSED_PROTOCOL_VERSION: return "REFUSED_PROTOCOL_VERSION";
            case ConnackCodec.REFUSED_IDENTIFIER_REJECTED: return "REFUSED_IDENTIFIER_REJECTED";
            case ConnackCodec.REFUSED_SERVER_UNAVAILABLE: return "REFUSED_SERVER_UNAVAILABLE";
            case ConnackCodec.REFUSED_BAD_USER_NAME_OR_PASSWORD: return "REFUSED_BAD_USER_NAME_OR_PASSWORD";
            case ConnackCodec.REFUSED_NOT_AUTHORIZED: return "REFUSED_NOT_AUTHORIZED";
            default: return "UNKNOWN_RETURN_CODE";
        }
    }

    /**
     * The Reason Code of the DISCONNECT a client sends before closing on a decoder violation
     * {@code status} (4.13): Packet too large for a packet above the Maximum Packet Size it sent
     * [MQTT-3.1.2-25]; Topic Alias invalid for alias 0 (3.3.2.3.4); Protocol Error where the
     * standard calls the case one; Malformed Packet for everything else that does not parse
     * (2.2.2.2, 1.5.4, 2.1.3, 2.2.3). Not for {@link CodecStatus#NEED_MORE_BYTES} or results.
     */
    public static int forViolation(int status) {
        switch (status) {
            case CodecStatus.CODEC_PACKET_TOO_LARGE:
                return PACKET_TOO_LARGE;
            case CodecStatus.TOPIC_ALIAS_ZERO:
                return TOPIC_ALIAS_INVALID;
            case CodecStatus.DUPLICATE_PROPERTY:
            case CodecStatus.RECEIVE_MAXIMUM_ZERO:
            case CodecStatus.MAXIMUM_PACKET_SIZE_ZERO:
            case CodecStatus.INVALID_MAXIMUM_QOS:
            case CodecStatus.PROPERTY_NOT_0_OR_1:
            case CodecStatus.SUBSCRIPTION_ID_ZERO:
            case CodecStatus.AUTH_DATA_WITHOUT_METHOD:
            case CodecStatus.TOPIC_NAME_AND_ALIAS_MISSING:
            case CodecStatus.INVALID_RETAIN_HANDLING:
            case CodecStatus.NO_LOCAL_ON_SHARED_SUBSCRIPTION:
            case CodecStatus.SESSION_PRESENT_WITH_REFUSAL:
            case CodecStatus.CODEC_INVALID_PACKET_ID:
                return PROTOCOL_ERROR;
            default:
                if (status >= 0 || CodecStatus.NEED_MORE_BYTES == status) {
                    throw new IllegalArgumentException("not a violation: status=" + status);
                }
                return MALFORMED_PACKET;
        }
    }
}
