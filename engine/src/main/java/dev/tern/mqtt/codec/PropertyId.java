package dev.tern.mqtt.codec;

/**
 * MQTT 5 property identifiers (2.2.2.2, Table 2-4): each one's value type, the packets that may
 * carry it, and whether it may appear more than once. The Will Properties of a CONNECT payload
 * (3.1.3.2) count as their own context, {@link #WILL_CONTEXT}, beside the packet types.
 *
 * <pre>
 *   id    name                               type        may appear in
 *   0x01  Payload Format Indicator           byte        PUBLISH, Will
 *   0x02  Message Expiry Interval            int32       PUBLISH, Will
 *   0x03  Content Type                       string      PUBLISH, Will
 *   0x08  Response Topic                     string      PUBLISH, Will
 *   0x09  Correlation Data                   binary      PUBLISH, Will
 *   0x0B  Subscription Identifier            VBI         PUBLISH (repeats), SUBSCRIBE
 *   0x11  Session Expiry Interval            int32       CONNECT, CONNACK, DISCONNECT
 *   0x12  Assigned Client Identifier         string      CONNACK
 *   0x13  Server Keep Alive                  int16       CONNACK
 *   0x15  Authentication Method              string      CONNECT, CONNACK, AUTH
 *   0x16  Authentication Data                binary      CONNECT, CONNACK, AUTH
 *   0x17  Request Problem Information        byte        CONNECT
 *   0x18  Will Delay Interval                int32       Will
 *   0x19  Request Response Information       byte        CONNECT
 *   0x1A  Response Information               string      CONNACK
 *   0x1C  Server Reference                   string      CONNACK, DISCONNECT
 *   0x1F  Reason String                      string      CONNACK, PUBACK..PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH
 *   0x21  Receive Maximum                    int16       CONNECT, CONNACK
 *   0x22  Topic Alias Maximum                int16       CONNECT, CONNACK
 *   0x23  Topic Alias                        int16       PUBLISH
 *   0x24  Maximum QoS                        byte        CONNACK
 *   0x25  Retain Available                   byte        CONNACK
 *   0x26  User Property                      pair        every packet with properties, Will (repeats)
 *   0x27  Maximum Packet Size                int32       CONNECT, CONNACK
 *   0x28  Wildcard Subscription Available    byte        CONNACK
 *   0x29  Subscription Identifier Available  byte        CONNACK
 *   0x2A  Shared Subscription Available      byte        CONNACK
 * </pre>
 */
public final class PropertyId {

    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** The highest identifier: a set of seen identifiers fits in one long. */
    public static final int MAX_ID = 0x2A;

    /** Value types (1.5). */
    public static final int TYPE_UNKNOWN = 0;
    public static final int TYPE_BYTE = 1;
    public static final int TYPE_INT16 = 2;
    public static final int TYPE_INT32 = 3;
    public static final int TYPE_VARIABLE_BYTE_INTEGER = 4;
    public static final int TYPE_STRING = 5;
    public static final int TYPE_BINARY = 6;
    public static final int TYPE_STRING_PAIR = 7;

    /** The Will Properties of a CONNECT payload; 0 is no packet type, so it cannot collide. */
    public static final int WILL_CONTEXT = 0;

    private static final int PUBLISH_AND_WILL = bit(PacketType.PUBLISH) | bit(WILL_CONTEXT);
    private static final int ACKS = bit(PacketType.PUBACK) | bit(PacketType.PUBREC) | bit(PacketType.PUBREL)
            | bit(PacketType.PUBCOMP);
    private static final int REASON_STRING_PACKETS = bit(PacketType.CONNACK) | ACKS | bit(PacketType.SUBACK)
            | bit(PacketType.UNSUBACK) | bit(PacketType.DISCONNECT) | bit(PacketType.AUTH);
    private static final int USER_PROPERTY_PACKETS = REASON_STRING_PACKETS | PUBLISH_AND_WILL
            | bit(PacketType.CONNECT) | bit(PacketType.SUBSCRIBE) | bit(PacketType.UNSUBSCRIBE);

    private PropertyId() {
    }

    static int bit(int context) {
        return 1 << context;
    }

    /** The value type of {@code id}, {@link #TYPE_UNKNOWN} for an identifier Table 2-4 does not have. */
    public static int type(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR:
            case REQUEST_PROBLEM_INFORMATION:
            case REQUEST_RESPONSE_INFORMATION:
            case MAXIMUM_QOS:
            case RETAIN_AVAILABLE:
            case WILDCARD_SUBSCRIPTION_AVAILABLE:
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
            case SHARED_SUBSCRIPTION_AVAILABLE:
                return TYPE_BYTE;
            case SERVER_KEEP_ALIVE:
            case RECEIVE_MAXIMUM:
            case TOPIC_ALIAS_MAXIMUM:
            case TOPIC_ALIAS:
                return TYPE_INT16;
            case MESSAGE_EXPIRY_INTERVAL:
            case SESSION_EXPIRY_INTERVAL:
            case WILL_DELAY_INTERVAL:
            case MAXIMUM_PACKET_SIZE:
                return TYPE_INT32;
            case SUBSCRIPTION_IDENTIFIER:
                return TYPE_VARIABLE_BYTE_INTEGER;
            case CONTENT_TYPE:
            case RESPONSE_TOPIC:
            case ASSIGNED_CLIENT_IDENTIFIER:
            case AUTHENTICATION_METHOD:
            case RESPONSE_INFORMATION:
            case SERVER_REFERENCE:
            case REASON_STRING:
                return TYPE_STRING;
            case CORRELATION_DATA:
            case AUTHENTICATION_DATA:
                return TYPE_BINARY;
            case USER_PROPERTY:
                return TYPE_STRING_PAIR;
            default:
                return TYPE_UNKNOWN;
        }
    }

    /** The contexts (a bit per packet type, bit 0 for the Will) that may carry {@code id}; 0 if none. */
    public static int allowedIn(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR:
            case MESSAGE_EXPIRY_INTERVAL:
            case CONTENT_TYPE:
            case RESPONSE_TOPIC:
            case CORRELATION_DATA:
                return PUBLISH_AND_WILL;
            case SUBSCRIPTION_IDENTIFIER:
                return bit(PacketType.PUBLISH) | bit(PacketType.SUBSCRIBE);
            case SESSION_EXPIRY_INTERVAL:
                return bit(PacketType.CONNECT) | bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case ASSIGNED_CLIENT_IDENTIFIER:
            case SERVER_KEEP_ALIVE:
            case RESPONSE_INFORMATION:
            case MAXIMUM_QOS:
            case RETAIN_AVAILABLE:
            case WILDCARD_SUBSCRIPTION_AVAILABLE:
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
            case SHARED_SUBSCRIPTION_AVAILABLE:
                return bit(PacketType.CONNACK);
            case AUTHENTICATION_METHOD:
            case AUTHENTICATION_DATA:
                return bit(PacketType.CONNECT) | bit(PacketType.CONNACK) | bit(PacketType.AUTH);
            case REQUEST_PROBLEM_INFORMATION:
            case REQUEST_RESPONSE_INFORMATION:
                return bit(PacketType.CONNECT);
            case WILL_DELAY_INTERVAL:
                return bit(WILL_CONTEXT);
            case SERVER_REFERENCE:
                return bit(PacketType.CONNACK) | bit(PacketType.DISCONNECT);
            case REASON_STRING:
                return REASON_STRING_PACKETS;
            case RECEIVE_MAXIMUM:
            case TOPIC_ALIAS_MAXIMUM:
            case MAXIMUM_PACKET_SIZE:
                return bit(PacketType.CONNECT) | bit(PacketType.CONNACK);
            case TOPIC_ALIAS:
                return bit(PacketType.PUBLISH);
            case USER_PROPERTY:
                return USER_PROPERTY_PACKETS;
            default:
                return 0;
        }
    }

    /** True when {@code context} (a packet type or {@link #WILL_CONTEXT}) may carry {@code id}. */
    public static boolean isAllowed(int id, int context) {
        return 0 != (allowedIn(id) & bit(context));
    }

    /**
     * True when {@code id} may appear more than once in {@code context}: User Property always
     * (3.1.2.11.8 and each packet's), Subscription Identifier only in a PUBLISH (3.3.2.3.8; once in
     * SUBSCRIBE, 3.8.2.1.2). Every other property more than once is a Protocol Error.
     */
    public static boolean mayRepeat(int id, int context) {
        return USER_PROPERTY == id || (SUBSCRIPTION_IDENTIFIER == id && PacketType.PUBLISH == context);
    }

    /** Upper-case name for logs; "UNKNOWN" for an identifier not in Table 2-4. */
    public static String name(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR: return "PAYLOAD_FORMAT_INDICATOR";
            case MESSAGE_EXPIRY_INTERVAL: return "MESSAGE_EXPIRY_INTERVAL";
            case CONTENT_TYPE: return "CONTENT_TYPE";
            case RESPONSE_TOPIC: return "RESPONSE_TOPIC";
            case CORRELATION_DATA: return "CORRELATION_DATA";
            case SUBSCRIPTION_IDENTIFIER: return "SUBSCRIPTION_IDENTIFIER";
            case SESSION_EXPIRY_INTERVAL: return "SESSION_EXPIRY_INTERVAL";
            case ASSIGNED_CLIENT_IDENTIFIER: return "ASSIGNED_CLIENT_IDENTIFIER";
            case SERVER_KEEP_ALIVE: return "SERVER_KEEP_ALIVE";
            case AUTHENTICATION_METHOD: return "AUTHENTICATION_METHOD";
            case AUTHENTICATION_DATA: return "AUTHENTICATION_DATA";
            case REQUEST_PROBLEM_INFORMATION: return "REQUEST_PROBLEM_INFORMATION";
            case WILL_DELAY_INTERVAL: return "WILL_DELAY_INTERVAL";
            case REQUEST_RESPONSE_INFORMATION: return "REQUEST_RESPONSE_INFORMATION";
            case RESPONSE_INFORMATION: return "RESPONSE_INFORMATION";
            case SERVER_REFERENCE: return "SERVER_REFERENCE";
            case REASON_STRING: return "REASON_STRING";
            case RECEIVE_MAXIMUM: return "RECEIVE_MAXIMUM";
            case TOPIC_ALIAS_MAXIMUM: return "TOPIC_ALIAS_MAXIMUM";
            case TOPIC_ALIAS: return "TOPIC_ALIAS";
            case MAXIMUM_QOS: return "MAXIMUM_QOS";
            case RETAIN_AVAILABLE: return "RETAIN_AVAILABLE";
            case USER_PROPERTY: return "USER_PROPERTY";
            case MAXIMUM_PACKET_SIZE: return "MAXIMUM_PACKET_SIZE";
            case WILDCARD_SUBSCRIPTION_AVAILABLE: return "WILDCARD_SUBSCRIPTION_AVAILABLE";
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE: return "SUBSCRIPTION_IDENTIFIER_AVAILABLE";
            case SHARED_SUBSCRIPTION_AVAILABLE: return "SHARED_SUBSCRIPTION_AVAILABLE";
            default: return "UNKNOWN";
        }
    }
}
