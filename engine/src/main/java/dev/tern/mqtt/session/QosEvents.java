package dev.tern.mqtt.session;

/** What happened to a packet id's flow: the inputs of {@link QosTransitions#next(int, int)}. */
public final class QosEvents {

    /** The client finished writing the PUBLISH to the transport. */
    public static final int PUBLISH_SENT = 0;
    /** A PUBACK with this id arrived. */
    public static final int PUBACK_RECEIVED = 1;
    /** A PUBREC with this id arrived. */
    public static final int PUBREC_RECEIVED = 2;
    /** The client finished writing the PUBREL. */
    public static final int PUBREL_SENT = 3;
    /** A PUBCOMP with this id arrived. */
    public static final int PUBCOMP_RECEIVED = 4;
    /** The client finished writing the SUBSCRIBE. */
    public static final int SUBSCRIBE_SENT = 5;
    /** A SUBACK with this id arrived. */
    public static final int SUBACK_RECEIVED = 6;
    /** The client finished writing the UNSUBSCRIBE. */
    public static final int UNSUBSCRIBE_SENT = 7;
    /** An UNSUBACK with this id arrived. */
    public static final int UNSUBACK_RECEIVED = 8;
    /** The ack deadline passed, and the client re-sends on a timer (MQTT 3.1.1 style). */
    public static final int ACK_TIMEOUT_RESEND = 9;
    /** The ack deadline passed, and the client re-sends only after a reconnect (MQTT 5.0 style). */
    public static final int ACK_TIMEOUT_RECONNECT = 10;
    /** The network connection closed or failed. */
    public static final int CONNECTION_LOST = 11;
    /** CONNACK said session present = 1: the broker kept the session. */
    public static final int SESSION_RESUMED = 12;
    /** CONNACK said session present = 0 although the client holds session state. */
    public static final int SESSION_LOST = 13;
    /** Receiver: a QoS 1 PUBLISH with this id arrived (any DUP). */
    public static final int QOS1_PUBLISH_RECEIVED = 14;
    /** Receiver: a QoS 2 PUBLISH with this id arrived (any DUP). */
    public static final int QOS2_PUBLISH_RECEIVED = 15;
    /** Receiver: a PUBREL with this id arrived. */
    public static final int PUBREL_RECEIVED = 16;

    /** Number of events; events are 0..COUNT-1. */
    public static final int COUNT = 17;

    private QosEvents() {
    }

    public static String name(int event) {
        switch (event) {
            case PUBLISH_SENT: return "PUBLISH_SENT";
            case PUBACK_RECEIVED: return "PUBACK_RECEIVED";
            case PUBREC_RECEIVED: return "PUBREC_RECEIVED";
            case PUBREL_SENT: return "PUBREL_SENT";
            case PUBCOMP_RECEIVED: return "PUBCOMP_RECEIVED";
            case SUBSCRIBE_SENT: return "SUBSCRIBE_SENT";
            case SUBACK_RECEIVED: return "SUBACK_RECEIVED";
            case UNSUBSCRIBE_SENT: return "UNSUBSCRIBE_SENT";
            case UNSUBACK_RECEIVED: return "UNSUBACK_RECEIVED";
            case ACK_TIMEOUT_RESEND: return "ACK_TIMEOUT_RESEND";
            case ACK_TIMEOUT_RECONNECT: return "ACK_TIMEOUT_RECONNECT";
            case CONNECTION_LOST: return "CONNECTION_LOST";
            case SESSION_RESUMED: return "SESSION_RESUMED";
            case SESSION_LOST: return "SESSION_LOST";
            case QOS1_PUBLISH_RECEIVED: return "QOS1_PUBLISH_RECEIVED";
            case QOS2_PUBLISH_RECEIVED: return "QOS2_PUBLISH_RECEIVED";
            case PUBREL_RECEIVED: return "PUBREL_RECEIVED";
            default: return "UNKNOWN";
        }
    }
}
