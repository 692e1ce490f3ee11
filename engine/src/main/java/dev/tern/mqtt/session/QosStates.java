package dev.tern.mqtt.session;

/**
 * The state of one packet id's flow, named for what happens next. Outgoing records (PUBLISH,
 * SUBSCRIBE, UNSUBSCRIBE sent by the client) use every state but {@link #PUBREL_PENDING}; the
 * incoming QoS 2 table has only {@link #FREE} and {@link #PUBREL_PENDING}.
 *
 * <pre>
 *  QoS 1:  QOS1_PUBLISH_SEND --sent--> PUBACK_PENDING --PUBACK--> FREE
 *                 QOS1_PUBLISH_RESEND (DUP=1) --^
 *  QoS 2:  QOS2_PUBLISH_SEND --sent--> PUBREC_PENDING --PUBREC--> PUBREL_SEND --sent--> PUBCOMP_PENDING
 *                 QOS2_PUBLISH_RESEND (DUP=1) --^          PUBREL_RESEND --^      --PUBCOMP--> FREE
 *  receiver QoS 2:  FREE --PUBLISH--> PUBREL_PENDING --PUBREL--> FREE
 * </pre>
 *
 * A *_SEND state has never been sent in full; a *_RESEND state has, so a PUBLISH goes with DUP=1
 * and an acknowledgement of the earlier copy may still arrive.
 */
public final class QosStates {

    /** No record for this packet id. */
    public static final int FREE = 0;
    /** A QoS 1 PUBLISH waits to be sent for the first time (DUP=0). */
    public static final int QOS1_PUBLISH_SEND = 1;
    /** A QoS 1 PUBLISH that was sent before waits to be sent again with DUP=1. */
    public static final int QOS1_PUBLISH_RESEND = 2;
    /** A QoS 1 PUBLISH was sent; its PUBACK is awaited. */
    public static final int PUBACK_PENDING = 3;
    /** A QoS 2 PUBLISH waits to be sent for the first time (DUP=0). */
    public static final int QOS2_PUBLISH_SEND = 4;
    /** A QoS 2 PUBLISH that was sent before waits to be sent again with DUP=1. */
    public static final int QOS2_PUBLISH_RESEND = 5;
    /** A QoS 2 PUBLISH was sent; its PUBREC is awaited. */
    public static final int PUBREC_PENDING = 6;
    /** PUBREC came; the PUBREL waits to be sent for the first time. */
    public static final int PUBREL_SEND = 7;
    /** A PUBREL that was sent before waits to be sent again (PUBREL has no DUP flag). */
    public static final int PUBREL_RESEND = 8;
    /** PUBREL was sent; its PUBCOMP is awaited. */
    public static final int PUBCOMP_PENDING = 9;
    /** A SUBSCRIBE waits to be sent. */
    public static final int SUBSCRIBE_SEND = 10;
    /** A SUBSCRIBE was sent; its SUBACK is awaited. */
    public static final int SUBACK_PENDING = 11;
    /** An UNSUBSCRIBE waits to be sent. */
    public static final int UNSUBSCRIBE_SEND = 12;
    /** An UNSUBSCRIBE was sent; its UNSUBACK is awaited. */
    public static final int UNSUBACK_PENDING = 13;
    /** Receiver side: a QoS 2 PUBLISH was stored and answered with PUBREC; its PUBREL is awaited. */
    public static final int PUBREL_PENDING = 14;

    /** Number of states; states are 0..COUNT-1. */
    public static final int COUNT = 15;

    private QosStates() {
    }

    /** Whether an outgoing record may be in this state (every state but FREE and PUBREL_PENDING). */
    public static boolean isOutgoingRecordState(int state) {
        return state > FREE && state < PUBREL_PENDING;
    }

    /** Whether the state waits for an acknowledgement from the peer, so its deadline runs. */
    public static boolean awaitsAck(int state) {
        return PUBACK_PENDING == state || PUBREC_PENDING == state || PUBCOMP_PENDING == state
                || SUBACK_PENDING == state || UNSUBACK_PENDING == state;
    }

    /** Whether the record holds a PUBLISH (QoS 1 or 2, any phase before PUBREC). */
    public static boolean holdsPublish(int state) {
        return state >= QOS1_PUBLISH_SEND && state <= PUBREC_PENDING;
    }

    /** Whether the record is in the PUBREL phase of QoS 2 (PUBREC came; PUBCOMP not yet). */
    public static boolean isPubrelPhase(int state) {
        return PUBREL_SEND == state || PUBREL_RESEND == state || PUBCOMP_PENDING == state;
    }

    /** Whether the record's packet waits to be written (first time or again). */
    public static boolean waitsToBeSent(int state) {
        switch (state) {
            case QOS1_PUBLISH_SEND:
            case QOS1_PUBLISH_RESEND:
            case QOS2_PUBLISH_SEND:
            case QOS2_PUBLISH_RESEND:
            case PUBREL_SEND:
            case PUBREL_RESEND:
            case SUBSCRIBE_SEND:
            case UNSUBSCRIBE_SEND:
                return true;
            default:
                return false;
        }
    }

    /** Whether the packet to write is a PUBREL (the record holds no packet bytes for it). */
    public static boolean waitsToSendPubrel(int state) {
        return PUBREL_SEND == state || PUBREL_RESEND == state;
    }

    public static String name(int state) {
        switch (state) {
            case FREE: return "FREE";
            case QOS1_PUBLISH_SEND: return "QOS1_PUBLISH_SEND";
            case QOS1_PUBLISH_RESEND: return "QOS1_PUBLISH_RESEND";
            case PUBACK_PENDING: return "PUBACK_PENDING";
            case QOS2_PUBLISH_SEND: return "QOS2_PUBLISH_SEND";
            case QOS2_PUBLISH_RESEND: return "QOS2_PUBLISH_RESEND";
            case PUBREC_PENDING: return "PUBREC_PENDING";
            case PUBREL_SEND: return "PUBREL_SEND";
            case PUBREL_RESEND: return "PUBREL_RESEND";
            case PUBCOMP_PENDING: return "PUBCOMP_PENDING";
            case SUBSCRIBE_SEND: return "SUBSCRIBE_SEND";
            case SUBACK_PENDING: return "SUBACK_PENDING";
            case UNSUBSCRIBE_SEND: return "UNSUBSCRIBE_SEND";
            case UNSUBACK_PENDING: return "UNSUBACK_PENDING";
            case PUBREL_PENDING: return "PUBREL_PENDING";
            default: return "UNKNOWN";
        }
    }
}
