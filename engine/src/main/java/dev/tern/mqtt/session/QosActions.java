package dev.tern.mqtt.session;

/** What the client must do after a transition: the second output of {@link QosTransitions#next}. */
public final class QosActions {

    /** Nothing to do (a state may still have changed). */
    public static final int NONE = 0;
    /** Start the record's ack deadline: the packet is on the wire and an acknowledgement is due. */
    public static final int AWAIT_ACK = 1;
    /** Send the stored PUBLISH as it is (DUP=0): it never reached the broker. */
    public static final int SEND_PUBLISH = 2;
    /** Send the stored PUBLISH again with DUP=1, same packet id. */
    public static final int RESEND_PUBLISH_DUP = 3;
    /** The broker has no session: send the stored PUBLISH with DUP=0 as a new message; count it. */
    public static final int REPUBLISH_AS_NEW = 4;
    /** Send PUBREL with this id (for the first time, or to answer a PUBREC for an unknown id). */
    public static final int SEND_PUBREL = 5;
    /** Send PUBREL again, same packet id, as it is. */
    public static final int RESEND_PUBREL = 6;
    /** Send the stored SUBSCRIBE. */
    public static final int SEND_SUBSCRIBE = 7;
    /** Send the stored UNSUBSCRIBE. */
    public static final int SEND_UNSUBSCRIBE = 8;
    /** The flow completed: the record is released; tell the application it succeeded. */
    public static final int COMPLETE = 9;
    /** The request cannot complete: the record is released; tell the application it failed. */
    public static final int FAIL_REQUEST = 10;
    /** Forget the id silently (a receiver id whose session is gone). */
    public static final int RELEASE = 11;
    /** The peer is silent past the deadline: close the connection; re-send after reconnect. */
    public static final int CLOSE_CONNECTION = 12;
    /** The peer broke the protocol (MQTT 3.1.1 4.8: close the network connection). */
    public static final int PROTOCOL_ERROR = 13;
    /** Receiver QoS 1: deliver the message, then send PUBACK. */
    public static final int DELIVER_SEND_PUBACK = 14;
    /** Receiver QoS 2, new id: store the id (persist it), deliver once, then send PUBREC. */
    public static final int STORE_DELIVER_SEND_PUBREC = 15;
    /** Receiver QoS 2, id already stored: send PUBREC again, do not deliver. */
    public static final int SEND_PUBREC = 16;
    /** Receiver: release the stored id (persist that), then send PUBCOMP. */
    public static final int RELEASE_SEND_PUBCOMP = 17;
    /** Receiver: PUBREL for an id not stored: send PUBCOMP anyway so the sender can finish. */
    public static final int SEND_PUBCOMP = 18;
    /** The caller fired an event this state cannot have: a bug in the caller, not the peer. */
    public static final int ILLEGAL_EVENT = 19;

    /** Number of actions; actions are 0..COUNT-1. */
    public static final int COUNT = 20;

    private QosActions() {
    }

    public static String name(int action) {
        switch (action) {
            case NONE: return "NONE";
            case AWAIT_ACK: return "AWAIT_ACK";
            case SEND_PUBLISH: return "SEND_PUBLISH";
            case RESEND_PUBLISH_DUP: return "RESEND_PUBLISH_DUP";
            case REPUBLISH_AS_NEW: return "REPUBLISH_AS_NEW";
            case SEND_PUBREL: return "SEND_PUBREL";
            case RESEND_PUBREL: return "RESEND_PUBREL";
            case SEND_SUBSCRIBE: return "SEND_SUBSCRIBE";
            case SEND_UNSUBSCRIBE: return "SEND_UNSUBSCRIBE";
            case COMPLETE: return "COMPLETE";
            case FAIL_REQUEST: return "FAIL_REQUEST";
            case RELEASE: return "RELEASE";
            case CLOSE_CONNECTION: return "CLOSE_CONNECTION";
            case PROTOCOL_ERROR: return "PROTOCOL_ERROR";
            case DELIVER_SEND_PUBACK: return "DELIVER_SEND_PUBACK";
            case STORE_DELIVER_SEND_PUBREC: return "STORE_DELIVER_SEND_PUBREC";
            case SEND_PUBREC: return "SEND_PUBREC";
            case RELEASE_SEND_PUBCOMP: return "RELEASE_SEND_PUBCOMP";
            case SEND_PUBCOMP: return "SEND_PUBCOMP";
            case ILLEGAL_EVENT: return "ILLEGAL_EVENT";
            default: return "UNKNOWN";
        }
    }
}
