package dev.tern.mqtt.session;

import static dev.tern.mqtt.session.QosActions.AWAIT_ACK;
import static dev.tern.mqtt.session.QosActions.CLOSE_CONNECTION;
import static dev.tern.mqtt.session.QosActions.COMPLETE;
import static dev.tern.mqtt.session.QosActions.DELIVER_SEND_PUBACK;
import static dev.tern.mqtt.session.QosActions.FAIL_REQUEST;
import static dev.tern.mqtt.session.QosActions.ILLEGAL_EVENT;
import static dev.tern.mqtt.session.QosActions.NONE;
import static dev.tern.mqtt.session.QosActions.PROTOCOL_ERROR;
import static dev.tern.mqtt.session.QosActions.RELEASE;
import static dev.tern.mqtt.session.QosActions.RELEASE_SEND_PUBCOMP;
import static dev.tern.mqtt.session.QosActions.REPUBLISH_AS_NEW;
import static dev.tern.mqtt.session.QosActions.RESEND_PUBLISH_DUP;
import static dev.tern.mqtt.session.QosActions.RESEND_PUBREL;
import static dev.tern.mqtt.session.QosActions.SEND_PUBCOMP;
import static dev.tern.mqtt.session.QosActions.SEND_PUBLISH;
import static dev.tern.mqtt.session.QosActions.SEND_PUBREC;
import static dev.tern.mqtt.session.QosActions.SEND_PUBREL;
import static dev.tern.mqtt.session.QosActions.SEND_SUBSCRIBE;
import static dev.tern.mqtt.session.QosActions.SEND_UNSUBSCRIBE;
import static dev.tern.mqtt.session.QosActions.STORE_DELIVER_SEND_PUBREC;
import static dev.tern.mqtt.session.QosEvents.ACK_TIMEOUT_RECONNECT;
import static dev.tern.mqtt.session.QosEvents.ACK_TIMEOUT_RESEND;
import static dev.tern.mqtt.session.QosEvents.CONNECTION_LOST;
import static dev.tern.mqtt.session.QosEvents.PUBACK_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.PUBCOMP_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.PUBLISH_SENT;
import static dev.tern.mqtt.session.QosEvents.PUBREC_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.PUBREL_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.PUBREL_SENT;
import static dev.tern.mqtt.session.QosEvents.QOS1_PUBLISH_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.QOS2_PUBLISH_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.SESSION_LOST;
import static dev.tern.mqtt.session.QosEvents.SESSION_RESUMED;
import static dev.tern.mqtt.session.QosEvents.SUBACK_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.SUBSCRIBE_SENT;
import static dev.tern.mqtt.session.QosEvents.UNSUBACK_RECEIVED;
import static dev.tern.mqtt.session.QosEvents.UNSUBSCRIBE_SENT;
import static dev.tern.mqtt.session.QosStates.FREE;
import static dev.tern.mqtt.session.QosStates.PUBACK_PENDING;
import static dev.tern.mqtt.session.QosStates.PUBCOMP_PENDING;
import static dev.tern.mqtt.session.QosStates.PUBREC_PENDING;
import static dev.tern.mqtt.session.QosStates.PUBREL_PENDING;
import static dev.tern.mqtt.session.QosStates.PUBREL_RESEND;
import static dev.tern.mqtt.session.QosStates.PUBREL_SEND;
import static dev.tern.mqtt.session.QosStates.QOS1_PUBLISH_RESEND;
import static dev.tern.mqtt.session.QosStates.QOS1_PUBLISH_SEND;
import static dev.tern.mqtt.session.QosStates.QOS2_PUBLISH_RESEND;
import static dev.tern.mqtt.session.QosStates.QOS2_PUBLISH_SEND;
import static dev.tern.mqtt.session.QosStates.SUBACK_PENDING;
import static dev.tern.mqtt.session.QosStates.SUBSCRIBE_SEND;
import static dev.tern.mqtt.session.QosStates.UNSUBACK_PENDING;
import static dev.tern.mqtt.session.QosStates.UNSUBSCRIBE_SEND;

/**
 * Every QoS rule of the engine in one pure function: {@link #next(int, int)} takes a packet id's
 * {@link QosStates state} and an {@link QosEvents event} and returns the next state and the
 * {@link QosActions action}, packed in one int:
 *
 * <pre>
 *   31          16 15           8 7            0
 *  +--------------+--------------+--------------+
 *  |      0       |    action    |  next state  |
 *  +--------------+--------------+--------------+
 * </pre>
 *
 * A PROTOCOL_ERROR, CLOSE_CONNECTION or ILLEGAL_EVENT result keeps the state. Section numbers
 * refer to MQTT 3.1.1.
 */
public final class QosTransitions {

    private QosTransitions() {
    }

    public static int nextState(int result) {
        return result & 0xFF;
    }

    public static int action(int result) {
        return (result >>> 8) & 0xFF;
    }

    /** Packs a result; public so that tests and traces can build the same values. */
    public static int result(int nextState, int action) {
        return (action << 8) | nextState;
    }

    public static int next(int state, int event) {
        switch (state) {
            case FREE:
                switch (event) {
                    case PUBACK_RECEIVED:
                    case PUBCOMP_RECEIVED:
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        // A late duplicate: the answer to a timer re-send of a flow that completed.
                        return result(FREE, NONE);
                    case PUBREC_RECEIVED:
                        // The receiver holds that id until a PUBREL; answering keeps it from
                        // blocking the id (and swallowing our next PUBLISH with it) forever.
                        return result(FREE, SEND_PUBREL);
                    case CONNECTION_LOST:
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        // Nothing stored, nothing to re-send.
                        return result(FREE, NONE);
                    case QOS1_PUBLISH_RECEIVED:
                        // QoS 1 receivers keep no state: every PUBLISH is new, whatever DUP says
                        // (4.3.2-2), and must be acknowledged (4.5.0-2).
                        return result(FREE, DELIVER_SEND_PUBACK);
                    case QOS2_PUBLISH_RECEIVED:
                        // A new id: store it before the PUBREC leaves, deliver exactly once (4.3.3
                        // method B).
                        return result(PUBREL_PENDING, STORE_DELIVER_SEND_PUBREC);
                    case PUBREL_RECEIVED:
                        // PUBREL must be answered with PUBCOMP (4.3.3-2); an unknown id is one we
                        // released already, and the sender waits for this PUBCOMP to finish.
                        return result(FREE, SEND_PUBCOMP);
                    default:
                        // No record: nothing was sent and no deadline runs.
                        return result(FREE, ILLEGAL_EVENT);
                }
            case QOS1_PUBLISH_SEND:
                switch (event) {
                    case PUBLISH_SENT:
                        // On the wire: the PUBACK is due.
                        return result(PUBACK_PENDING, AWAIT_ACK);
                    case PUBACK_RECEIVED:
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        // Acknowledges a PUBLISH this session never sent in full.
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                        // QoS 2 acknowledgements for a QoS 1 message.
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        // Never sent: it goes out on the next connection, still DUP=0.
                        return result(state, NONE);
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        // It never reached any broker, so it is new in either session.
                        return result(state, SEND_PUBLISH);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case QOS1_PUBLISH_RESEND:
                switch (event) {
                    case PUBLISH_SENT:
                        return result(PUBACK_PENDING, AWAIT_ACK);
                    case PUBACK_RECEIVED:
                        // The earlier copy's PUBACK overtook the re-send: the flow is done.
                        return result(FREE, COMPLETE);
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                        // QoS 2 acknowledgements for a QoS 1 message.
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        // The id belongs to a PUBLISH.
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        // Unacknowledged: re-send with the original id and DUP=1 (4.4.0-1).
                        return result(state, RESEND_PUBLISH_DUP);
                    case SESSION_LOST:
                        // The broker forgot it: publish again as a new message (DUP=0).
                        return result(QOS1_PUBLISH_SEND, REPUBLISH_AS_NEW);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBACK_PENDING:
                switch (event) {
                    case PUBACK_RECEIVED:
                        // Ownership passed to the receiver; the id is free again (4.3.2-1).
                        return result(FREE, COMPLETE);
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                        // "PUBREC must not be received for a QoS 1 PUBLISH".
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case ACK_TIMEOUT_RESEND:
                        // Timer mode: re-send with DUP=1 (3.3.1-1).
                        return result(QOS1_PUBLISH_RESEND, RESEND_PUBLISH_DUP);
                    case ACK_TIMEOUT_RECONNECT:
                        // Reconnect mode: re-sends happen only on the next connection.
                        return result(state, CLOSE_CONNECTION);
                    case CONNECTION_LOST:
                        // Still unacknowledged; the next CONNACK decides re-send or re-publish.
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        return result(QOS1_PUBLISH_RESEND, RESEND_PUBLISH_DUP);
                    case SESSION_LOST:
                        return result(QOS1_PUBLISH_SEND, REPUBLISH_AS_NEW);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case QOS2_PUBLISH_SEND:
                switch (event) {
                    case PUBLISH_SENT:
                        return result(PUBREC_PENDING, AWAIT_ACK);
                    case PUBACK_RECEIVED:
                        // "PUBACK must not be received for a QoS 2 PUBLISH".
                    case PUBREC_RECEIVED:
                        // Acknowledges a PUBLISH this session never sent in full.
                    case PUBCOMP_RECEIVED:
                        // PUBCOMP before any PUBREL.
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        // Never reached a broker: new in either session.
                        return result(state, SEND_PUBLISH);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case QOS2_PUBLISH_RESEND:
                switch (event) {
                    case PUBLISH_SENT:
                        return result(PUBREC_PENDING, AWAIT_ACK);
                    case PUBREC_RECEIVED:
                        // The earlier copy's PUBREC overtook the re-send: the PUBLISH is never
                        // sent again from here on (4.3.3-1); PUBREL follows.
                        return result(PUBREL_SEND, SEND_PUBREL);
                    case PUBACK_RECEIVED:
                        // "PUBACK must not be received for a QoS 2 PUBLISH".
                    case PUBCOMP_RECEIVED:
                        // PUBCOMP before any PUBREL.
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        return result(state, RESEND_PUBLISH_DUP);
                    case SESSION_LOST:
                        return result(QOS2_PUBLISH_SEND, REPUBLISH_AS_NEW);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBREC_PENDING:
                switch (event) {
                    case PUBREC_RECEIVED:
                        // The receiver owns the message now: release it with PUBREL (4.3.3-1).
                        return result(PUBREL_SEND, SEND_PUBREL);
                    case PUBACK_RECEIVED:
                        // "PUBACK must not be received for a QoS 2 PUBLISH".
                    case PUBCOMP_RECEIVED:
                        // PUBCOMP before PUBREL.
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case ACK_TIMEOUT_RESEND:
                        return result(QOS2_PUBLISH_RESEND, RESEND_PUBLISH_DUP);
                    case ACK_TIMEOUT_RECONNECT:
                        return result(state, CLOSE_CONNECTION);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        // Unacknowledged PUBLISH: original id, DUP=1 (4.4.0-1).
                        return result(QOS2_PUBLISH_RESEND, RESEND_PUBLISH_DUP);
                    case SESSION_LOST:
                        return result(QOS2_PUBLISH_SEND, REPUBLISH_AS_NEW);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBREL_SEND:
                switch (event) {
                    case PUBREL_SENT:
                        return result(PUBCOMP_PENDING, AWAIT_ACK);
                    case PUBREC_RECEIVED:
                        // A duplicate PUBREC (answering a DUP re-send); the PUBREL is due anyway.
                        return result(state, NONE);
                    case PUBACK_RECEIVED:
                    case PUBCOMP_RECEIVED:
                        // PUBCOMP before the first PUBREL was sent.
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        // Never a PUBLISH after PUBREC: only the PUBREL goes (4.3.3-1, 4.4.0-1).
                        return result(state, SEND_PUBREL);
                    case SESSION_LOST:
                        // The broker owned the message since PUBREC and has no session to
                        // release: the flow is over.
                        return result(FREE, COMPLETE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBREL_RESEND:
                switch (event) {
                    case PUBREL_SENT:
                        return result(PUBCOMP_PENDING, AWAIT_ACK);
                    case PUBCOMP_RECEIVED:
                        // The earlier PUBREL's PUBCOMP overtook the re-send: done.
                        return result(FREE, COMPLETE);
                    case PUBREC_RECEIVED:
                        // Duplicate PUBREC; the PUBREL is due anyway.
                        return result(state, NONE);
                    case PUBACK_RECEIVED:
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        // PUBREL is re-sent as it is, original id (4.4.0-1).
                        return result(state, RESEND_PUBREL);
                    case SESSION_LOST:
                        return result(FREE, COMPLETE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBCOMP_PENDING:
                switch (event) {
                    case PUBCOMP_RECEIVED:
                        // The handshake is complete; the id is free again.
                        return result(FREE, COMPLETE);
                    case PUBREC_RECEIVED:
                        // A duplicate PUBREC (answering a DUP re-send): our PUBREL is on its way.
                        return result(state, NONE);
                    case PUBACK_RECEIVED:
                    case SUBACK_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case ACK_TIMEOUT_RESEND:
                        return result(PUBREL_RESEND, RESEND_PUBREL);
                    case ACK_TIMEOUT_RECONNECT:
                        return result(state, CLOSE_CONNECTION);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                        return result(PUBREL_RESEND, RESEND_PUBREL);
                    case SESSION_LOST:
                        return result(FREE, COMPLETE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case SUBSCRIBE_SEND:
                switch (event) {
                    case SUBSCRIBE_SENT:
                        return result(SUBACK_PENDING, AWAIT_ACK);
                    case PUBACK_RECEIVED:
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        // The id belongs to a SUBSCRIBE.
                    case SUBACK_RECEIVED:
                        // SUBACK for a SUBSCRIBE never sent in full.
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        // Never sent: send it on the new connection.
                        return result(state, SEND_SUBSCRIBE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case SUBACK_PENDING:
                switch (event) {
                    case SUBACK_RECEIVED:
                        return result(FREE, COMPLETE);
                    case PUBACK_RECEIVED:
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                    case UNSUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case ACK_TIMEOUT_RESEND:
                        // Only PUBLISH and PUBREL have re-send rules; a broker this silent is gone.
                    case ACK_TIMEOUT_RECONNECT:
                        return result(state, CLOSE_CONNECTION);
                    case CONNECTION_LOST:
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        // MQTT never re-sends a SUBSCRIBE and whether the broker applied it is
                        // unknown: the application decides whether to subscribe again.
                        return result(FREE, FAIL_REQUEST);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case UNSUBSCRIBE_SEND:
                switch (event) {
                    case UNSUBSCRIBE_SENT:
                        return result(UNSUBACK_PENDING, AWAIT_ACK);
                    case PUBACK_RECEIVED:
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                    case SUBACK_RECEIVED:
                        // The id belongs to an UNSUBSCRIBE.
                    case UNSUBACK_RECEIVED:
                        // UNSUBACK for an UNSUBSCRIBE never sent in full.
                        return result(state, PROTOCOL_ERROR);
                    case CONNECTION_LOST:
                        return result(state, NONE);
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        return result(state, SEND_UNSUBSCRIBE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case UNSUBACK_PENDING:
                switch (event) {
                    case UNSUBACK_RECEIVED:
                        return result(FREE, COMPLETE);
                    case PUBACK_RECEIVED:
                    case PUBREC_RECEIVED:
                    case PUBCOMP_RECEIVED:
                    case SUBACK_RECEIVED:
                        return result(state, PROTOCOL_ERROR);
                    case ACK_TIMEOUT_RESEND:
                    case ACK_TIMEOUT_RECONNECT:
                        return result(state, CLOSE_CONNECTION);
                    case CONNECTION_LOST:
                        // The UNSUBACK may be lost with the connection; the filter is already gone
                        // on the client, so the broker must hear it again. Unsubscribing twice is
                        // harmless: the server answers UNSUBACK even when nothing was deleted
                        // [MQTT-3.10.4-5].
                        return result(UNSUBSCRIBE_SEND, NONE);
                    case SESSION_RESUMED:
                    case SESSION_LOST:
                        return result(UNSUBSCRIBE_SEND, SEND_UNSUBSCRIBE);
                    default:
                        return result(state, ILLEGAL_EVENT);
                }
            case PUBREL_PENDING:
                switch (event) {
                    case QOS1_PUBLISH_RECEIVED:
                        // QoS 1 keeps no state; acknowledge it (4.5.0-2) and keep the QoS 2 id.
                        return result(state, DELIVER_SEND_PUBACK);
                    case QOS2_PUBLISH_RECEIVED:
                        // Same id before PUBREL: PUBREC again, never a second delivery (4.3.3-2),
                        // whatever DUP says (brokers exist that re-send with DUP=0).
                        return result(state, SEND_PUBREC);
                    case PUBREL_RECEIVED:
                        // Forget the id (persist that), then PUBCOMP; a PUBLISH with it is new.
                        return result(FREE, RELEASE_SEND_PUBCOMP);
                    case CONNECTION_LOST:
                    case SESSION_RESUMED:
                        // Kept for the whole session (4.1.0-1): the broker re-sends PUBREL.
                        return result(state, NONE);
                    case SESSION_LOST:
                        // The broker's session is gone; no PUBREL will ever come for it.
                        return result(FREE, RELEASE);
                    default:
                        // Outgoing events: the incoming ids are a separate id space.
                        return result(state, ILLEGAL_EVENT);
                }
            default:
                throw new IllegalArgumentException("state=" + state);
        }
    }
}
