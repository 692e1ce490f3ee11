package dev.tern.mqtt.codec;

/**
 * Control Packet types, the high nibble of the first byte (MQTT 3.1.1 2.2.1, Table 2.1; MQTT 5
 * 2.1.2, Table 2-1, which adds AUTH as 15), and the fixed header flags each one must carry (Table 2.2).
 */
public final class PacketType {

    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;
    /** MQTT 5 only (3.15); reserved in 3.1.1. */
    public static final int AUTH = 15;

    /** Flags of PUBREL, SUBSCRIBE and UNSUBSCRIBE: 0010 [MQTT-3.6.1-1] [MQTT-3.8.1-1] [MQTT-3.10.1-1]. */
    public static final int FLAGS_0010 = 0x02;

    private PacketType() {
    }

    /** True for 1..14; 0 and 15 are reserved (MQTT 3.1.1). */
    public static boolean isValid(int type) {
        return type >= CONNECT && type <= DISCONNECT;
    }

    /** True for the types of {@code protocolLevel}: 1..14 in 3.1.1 (level 4), 1..15 in MQTT 5. */
    public static boolean isValid(int type, int protocolLevel) {
        return isValid(type) || (AUTH == type && ProtocolLevel.V5 == protocolLevel);
    }

    /**
     * MQTT 5: the only Remaining Length a packet may have, or -1 when it varies. Only PINGREQ and
     * PINGRESP are fixed; acknowledgements, DISCONNECT and AUTH carry reason codes and properties.
     */
    public static int fixedRemainingLength5(int type) {
        return PINGREQ == type || PINGRESP == type ? 0 : -1;
    }

    /** The flags Table 2.2 requires for {@code type}; PUBLISH has none fixed (its flags are DUP, QoS, RETAIN). */
    public static int requiredFlags(int type) {
        if (PUBREL == type || SUBSCRIBE == type || UNSUBSCRIBE == type) {
            return FLAGS_0010;
        }
        return 0;
    }

    /**
     * The only Remaining Length a packet of {@code type} may have, or -1 when it varies. Lets the
     * decoder reject a wrong length from the fixed header alone.
     */
    public static int fixedRemainingLength(int type) {
        switch (type) {
            case CONNACK:
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
            case UNSUBACK:
                return 2;
            case PINGREQ:
            case PINGRESP:
            case DISCONNECT:
                return 0;
            default:
                return -1;
        }
    }

    /** Lower-case name for the packet trace ({@code send: publish}); "reserved" for 0, "auth" for 15. */
    public static String name(int type) {
        switch (type) {
            case CONNECT: return "connect";
            case CONNACK: return "connack";
            case PUBLISH: return "publish";
            case PUBACK: return "puback";
            case PUBREC: return "pubrec";
            case PUBREL: return "pubrel";
            case PUBCOMP: return "pubcomp";
            case SUBSCRIBE: return "subscribe";
            case SUBACK: return "suback";
            case UNSUBSCRIBE: return "unsubscribe";
            case UNSUBACK: return "unsuback";
            case PINGREQ: return "pingreq";
            case PINGRESP: return "pingresp";
            case DISCONNECT: return "disconnect";
            case AUTH: return "auth";
            default: return "reserved";
        }
    }
}
