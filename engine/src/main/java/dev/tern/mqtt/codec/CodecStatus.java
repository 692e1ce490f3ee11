package dev.tern.mqtt.codec;

/**
 * The results of the MQTT 3.1.1 and MQTT 5 codec. Zero and positive values are results (a byte count, or
 * {@link #OK}); negative values in -1..-99 are {@link #NEED_MORE_BYTES} or a violation. The codec
 * never closes anything: on a violation the caller closes the Network Connection, as
 * [MQTT-4.8.0-1] requires for a malformed packet or a protocol violation. In MQTT 5 it first sends
 * a DISCONNECT with {@link ReasonCode#forViolation(int)}.
 */
public final class CodecStatus {

    /** Done; for counts, any value at or above zero is a result. */
    public static final int OK = 0;

    /** Not a failure: the packet is not all there yet; call again with more bytes (2.2.3). */
    public static final int NEED_MORE_BYTES = -1;
    /** Encoder: the destination is too small for the whole packet; nothing was written. */
    public static final int INSUFFICIENT_CAPACITY = -2;
    /** Packet type 0 or 15: reserved, "Forbidden" in Table 2.1 (2.2.1). */
    public static final int RESERVED_PACKET_TYPE = -3;
    /**
     * Fixed header flags differ from Table 2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2] [MQTT-3.6.1-1] [MQTT-3.8.1-1]
     * [MQTT-3.10.1-1] [MQTT-3.14.1-1].
     */
    public static final int INVALID_FLAGS = -4;
    /** QoS 3 in a PUBLISH [MQTT-3.3.1-4] or as Will QoS [MQTT-3.1.2-14]; QoS above 2 given to an encoder. */
    public static final int CODEC_INVALID_QOS = -5;
    /** DUP set on a QoS 0 PUBLISH [MQTT-3.3.1-2]. */
    public static final int DUP_WITH_QOS_0 = -6;
    /** Remaining Length continues past its fourth byte (2.2.3: at most four bytes). */
    public static final int MALFORMED_REMAINING_LENGTH = -7;
    /** Remaining Length not in the fewest bytes, e.g. 0x80 0x00 for 0 (2.2.3 encoding algorithm). */
    public static final int NON_MINIMAL_REMAINING_LENGTH = -8;
    /** The packet is longer than the maximum packet size the decoder was configured with. */
    public static final int CODEC_PACKET_TOO_LARGE = -9;
    /** Remaining Length does not match the packet's fields (e.g. PUBACK not 2, PINGRESP not 0, bytes left over). */
    public static final int INVALID_REMAINING_LENGTH = -10;
    /** A string or binary field's length prefix runs past the end of the packet (1.5.3, Figure 1.1). */
    public static final int FIELD_EXCEEDS_PACKET = -11;
    /** Packet Identifier 0 where one is required [MQTT-2.3.1-1]; encoders: not in 1..65535. */
    public static final int CODEC_INVALID_PACKET_ID = -12;
    /**
     * Not well-formed UTF-8: stray continuation byte, byte 0xF5..0xFF, or a code point above U+10FFFF
     * [MQTT-1.5.3-1].
     */
    public static final int UTF8_ILL_FORMED = -13;
    /** UTF-8 overlong encoding, e.g. 0xC0 0x80 [MQTT-1.5.3-1] (RFC 3629 section 3). */
    public static final int UTF8_OVERLONG = -14;
    /** UTF-8 sequence cut short by the end of the string or by a non-continuation byte [MQTT-1.5.3-1]. */
    public static final int UTF8_TRUNCATED = -15;
    /** UTF-8 encoding of a surrogate code point U+D800..U+DFFF [MQTT-1.5.3-1]. */
    public static final int UTF8_SURROGATE = -16;
    /** UTF-8 encoding of U+0000 [MQTT-1.5.3-2] [MQTT-4.7.3-2]. */
    public static final int UTF8_NULL_CHARACTER = -17;
    /** Encoder: a string or binary field longer than 65535 bytes (1.5.3) [MQTT-4.7.3-3]. */
    public static final int FIELD_TOO_LONG = -18;
    /** Topic Name or Topic Filter of zero length [MQTT-4.7.3-1]. */
    public static final int EMPTY_TOPIC = -19;
    /** '+' or '#' in a Topic Name [MQTT-3.3.2-2] [MQTT-4.7.1-1]. */
    public static final int WILDCARD_IN_TOPIC_NAME = -20;
    /** '#' not last, or not alone in its level, in a Topic Filter [MQTT-4.7.1-2]. */
    public static final int MISPLACED_MULTI_LEVEL_WILDCARD = -21;
    /** '+' not alone in its level in a Topic Filter [MQTT-4.7.1-3]. */
    public static final int MISPLACED_SINGLE_LEVEL_WILDCARD = -22;
    /** SUBACK return code other than 0x00, 0x01, 0x02, 0x80 [MQTT-3.9.3-2]. */
    public static final int INVALID_SUBACK_RETURN_CODE = -23;
    /** CONNACK Connect Acknowledge Flags bits 7-1 not zero (3.2.2.1). */
    public static final int INVALID_CONNACK_FLAGS = -24;
    /** CONNACK return code 6..255: reserved (Table 3.1) [MQTT-3.2.2-6]. */
    public static final int INVALID_CONNACK_RETURN_CODE = -25;
    /** CONNACK with Session Present 1 and a non-zero return code [MQTT-3.2.2-4]. */
    public static final int SESSION_PRESENT_WITH_REFUSAL = -26;
    /** SUBSCRIBE or UNSUBSCRIBE without a Topic Filter [MQTT-3.8.3-3] [MQTT-3.10.3-2]. */
    public static final int NO_TOPIC_FILTER = -27;
    /** Requested QoS byte with reserved bits 7-2 set, or QoS 3 [MQTT-3-8.3-4]. */
    public static final int INVALID_REQUESTED_QOS = -28;
    /** CONNECT Protocol Name is not "MQTT" [MQTT-3.1.2-1]. */
    public static final int INVALID_PROTOCOL_NAME = -29;
    /** CONNECT Protocol Level is not 4; a Server answers CONNACK 0x01 [MQTT-3.1.2-2]. */
    public static final int UNSUPPORTED_PROTOCOL_LEVEL = -30;
    /** CONNECT flags bit 0 (reserved) set [MQTT-3.1.2-3]. */
    public static final int INVALID_CONNECT_FLAGS = -31;
    /** Will QoS or Will Retain set without the Will Flag [MQTT-3.1.2-11] [MQTT-3.1.2-13] [MQTT-3.1.2-15]. */
    public static final int WILL_OPTIONS_WITHOUT_WILL = -32;
    /** Password Flag set without the User Name Flag [MQTT-3.1.2-22]. */
    public static final int PASSWORD_WITHOUT_USER_NAME = -33;
    /** Zero-byte ClientId with CleanSession 0 [MQTT-3.1.3-7]; a Server answers CONNACK 0x02 [MQTT-3.1.3-8]. */
    public static final int EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION = -34;
    /** Encoder: the packet would need a Remaining Length above 268,435,455 (2.2.3). */
    public static final int REMAINING_LENGTH_TOO_LARGE = -35;
    /** Encoder: an argument out of its range (Keep Alive not 0..65535, a negative length or count). */
    public static final int VALUE_OUT_OF_RANGE = -36;

    /** MQTT 5: a property identifier Table 2-4 does not define (2.2.2.2): Malformed Packet. */
    public static final int UNKNOWN_PROPERTY = -37;
    /**
     * MQTT 5: a property more than once where once is allowed (only User Property, and Subscription
     * Identifier in PUBLISH, repeat): Protocol Error.
     */
    public static final int DUPLICATE_PROPERTY = -38;
    /** MQTT 5: a property the packet type (or the Will) may not carry (2.2.2.2, Table 2-4): Malformed Packet. */
    public static final int PROPERTY_NOT_ALLOWED = -39;
    /** MQTT 5: the Property Length runs past the end of the packet (2.2.2.1): Malformed Packet. */
    public static final int PROPERTY_LENGTH_EXCEEDS_PACKET = -40;
    /** MQTT 5: a property's value runs past the end of its Property Length (2.2.2.1): Malformed Packet. */
    public static final int PROPERTY_VALUE_TRUNCATED = -41;
    /**
     * MQTT 5: a Variable Byte Integer in the body (Property Length, identifier, Subscription Identifier) over
     * four bytes or not minimal [MQTT-1.5.5-1].
     */
    public static final int MALFORMED_VARIABLE_BYTE_INTEGER = -42;
    /** MQTT 5: Receive Maximum 0 (3.1.2.11.3, 3.2.2.3.3): Protocol Error. */
    public static final int RECEIVE_MAXIMUM_ZERO = -43;
    /** MQTT 5: Maximum Packet Size 0 (3.1.2.11.4, 3.2.2.3.6): Protocol Error. */
    public static final int MAXIMUM_PACKET_SIZE_ZERO = -44;
    /** MQTT 5: Topic Alias 0 [MQTT-3.3.2-8]: Protocol Error, DISCONNECT 0x94 Topic Alias invalid (3.3.2.3.4). */
    public static final int TOPIC_ALIAS_ZERO = -45;
    /** MQTT 5: Maximum QoS other than 0 or 1 (3.2.2.3.4): Protocol Error. */
    public static final int INVALID_MAXIMUM_QOS = -46;
    /**
     * MQTT 5: a byte property that is 0 or 1 has another value (Payload Format Indicator, Request
     * Problem/Response Information, Retain/Wildcard/Subscription Identifier/Shared Subscription Available):
     * Protocol Error.
     */
    public static final int PROPERTY_NOT_0_OR_1 = -47;
    /** MQTT 5: Subscription Identifier 0 (3.3.2.3.8, 3.8.2.1.2): Protocol Error. */
    public static final int SUBSCRIPTION_ID_ZERO = -48;
    /** MQTT 5: a Reason Code the packet type does not define (2.4, Table 2-6): Malformed Packet. */
    public static final int INVALID_REASON_CODE = -49;
    /** MQTT 5: Authentication Data without Authentication Method (3.1.2.11.10, 3.2.2.3.18): Protocol Error. */
    public static final int AUTH_DATA_WITHOUT_METHOD = -50;
    /** MQTT 5: a PUBLISH with an empty Topic Name and no Topic Alias (3.3.2.1): Protocol Error. */
    public static final int TOPIC_NAME_AND_ALIAS_MISSING = -51;
    /** MQTT 5: Subscription Options bits 7-6 not zero [MQTT-3.8.3-5]: Malformed Packet. */
    public static final int SUBSCRIPTION_OPTIONS_RESERVED_BITS = -52;
    /** MQTT 5: Retain Handling 3 (3.8.3.1): Protocol Error. */
    public static final int INVALID_RETAIN_HANDLING = -53;
    /** MQTT 5: No Local 1 on a Shared Subscription ($share/...) [MQTT-3.8.3-4]: Protocol Error. */
    public static final int NO_LOCAL_ON_SHARED_SUBSCRIPTION = -54;

    private CodecStatus() {
    }

    /** True for {@link #OK} and every count; false for {@link #NEED_MORE_BYTES} and failures. */
    public static boolean isResult(int status) {
        return status >= 0;
    }

    /** The constant's name, for logs; "RESULT" for zero and positive values. */
    public static String name(int status) {
        if (status >= 0) {
            return 0 == status ? "OK" : "RESULT";
        }
        switch (status) {
            case NEED_MORE_BYTES: return "NEED_MORE_BYTES";
            case INSUFFICIENT_CAPACITY: return "INSUFFICIENT_CAPACITY";
            case RESERVED_PACKET_TYPE: return "RESERVED_PACKET_TYPE";
            case INVALID_FLAGS: return "INVALID_FLAGS";
            case CODEC_INVALID_QOS: return "CODEC_INVALID_QOS";
            case DUP_WITH_QOS_0: return "DUP_WITH_QOS_0";
            case MALFORMED_REMAINING_LENGTH: return "MALFORMED_REMAINING_LENGTH";
            case NON_MINIMAL_REMAINING_LENGTH: return "NON_MINIMAL_REMAINING_LENGTH";
            case CODEC_PACKET_TOO_LARGE: return "CODEC_PACKET_TOO_LARGE";
            case INVALID_REMAINING_LENGTH: return "INVALID_REMAINING_LENGTH";
            case FIELD_EXCEEDS_PACKET: return "FIELD_EXCEEDS_PACKET";
            case CODEC_INVALID_PACKET_ID: return "CODEC_INVALID_PACKET_ID";
            case UTF8_ILL_FORMED: return "UTF8_ILL_FORMED";
            case UTF8_OVERLONG: return "UTF8_OVERLONG";
            case UTF8_TRUNCATED: return "UTF8_TRUNCATED";
            case UTF8_SURROGATE: return "UTF8_SURROGATE";
            case UTF8_NULL_CHARACTER: return "UTF8_NULL_CHARACTER";
            case FIELD_TOO_LONG: return "FIELD_TOO_LONG";
            case EMPTY_TOPIC: return "EMPTY_TOPIC";
            case WILDCARD_IN_TOPIC_NAME: return "WILDCARD_IN_TOPIC_NAME";
            case MISPLACED_MULTI_LEVEL_WILDCARD: return "MISPLACED_MULTI_LEVEL_WILDCARD";
            case MISPLACED_SINGLE_LEVEL_WILDCARD: return "MISPLACED_SINGLE_LEVEL_WILDCARD";
            case INVALID_SUBACK_RETURN_CODE: return "INVALID_SUBACK_RETURN_CODE";
            case INVALID_CONNACK_FLAGS: return "INVALID_CONNACK_FLAGS";
            case INVALID_CONNACK_RETURN_CODE: return "INVALID_CONNACK_RETURN_CODE";
            case SESSION_PRESENT_WITH_REFUSAL: return "SESSION_PRESENT_WITH_REFUSAL";
            case NO_TOPIC_FILTER: return "NO_TOPIC_FILTER";
            case INVALID_REQUESTED_QOS: return "INVALID_REQUESTED_QOS";
            case INVALID_PROTOCOL_NAME: return "INVALID_PROTOCOL_NAME";
            case UNSUPPORTED_PROTOCOL_LEVEL: return "UNSUPPORTED_PROTOCOL_LEVEL";
            case INVALID_CONNECT_FLAGS: return "INVALID_CONNECT_FLAGS";
            case WILL_OPTIONS_WITHOUT_WILL: return "WILL_OPTIONS_WITHOUT_WILL";
            case PASSWORD_WITHOUT_USER_NAME: return "PASSWORD_WITHOUT_USER_NAME";
            case EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION: return "EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION";
            case REMAINING_LENGTH_TOO_LARGE: return "REMAINING_LENGTH_TOO_LARGE";
            case VALUE_OUT_OF_RANGE: return "VALUE_OUT_OF_RANGE";
            case UNKNOWN_PROPERTY: return "UNKNOWN_PROPERTY";
            case DUPLICATE_PROPERTY: return "DUPLICATE_PROPERTY";
            case PROPERTY_NOT_ALLOWED: return "PROPERTY_NOT_ALLOWED";
            case PROPERTY_LENGTH_EXCEEDS_PACKET: return "PROPERTY_LENGTH_EXCEEDS_PACKET";
            case PROPERTY_VALUE_TRUNCATED: return "PROPERTY_VALUE_TRUNCATED";
            case MALFORMED_VARIABLE_BYTE_INTEGER: return "MALFORMED_VARIABLE_BYTE_INTEGER";
            case RECEIVE_MAXIMUM_ZERO: return "RECEIVE_MAXIMUM_ZERO";
            case MAXIMUM_PACKET_SIZE_ZERO: return "MAXIMUM_PACKET_SIZE_ZERO";
            case TOPIC_ALIAS_ZERO: return "TOPIC_ALIAS_ZERO";
            case INVALID_MAXIMUM_QOS: return "INVALID_MAXIMUM_QOS";
            case PROPERTY_NOT_0_OR_1: return "PROPERTY_NOT_0_OR_1";
            case SUBSCRIPTION_ID_ZERO: return "SUBSCRIPTION_ID_ZERO";
            case INVALID_REASON_CODE: return "INVALID_REASON_CODE";
            case AUTH_DATA_WITHOUT_METHOD: return "AUTH_DATA_WITHOUT_METHOD";
            case TOPIC_NAME_AND_ALIAS_MISSING: return "TOPIC_NAME_AND_ALIAS_MISSING";
            case SUBSCRIPTION_OPTIONS_RESERVED_BITS: return "SUBSCRIPTION_OPTIONS_RESERVED_BITS";
            case INVALID_RETAIN_HANDLING: return "INVALID_RETAIN_HANDLING";
            case NO_LOCAL_ON_SHARED_SUBSCRIPTION: return "NO_LOCAL_ON_SHARED_SUBSCRIPTION";
            default: return "UNKNOWN_STATUS";
        }
    }
}
