package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.ReasonCode;
import dev.tern.mqtt.session.SessionStatus;

/**
 * Results of the engine API and reasons a connection ended, in -200..-299. Zero and positive
 * values are results (a packet id, a count); codec statuses (-1..-99) and session statuses
 * (-100..-199) pass through unchanged, and {@link #name(int)} names all three.
 *
 * <p>An MQTT 5 Reason Code from the broker travels inside the status, so that the application
 * learns it by name without another argument:
 * <pre>
 *   -0x1000 - code   {@link #connackRefused(int)}   CONNACK refused the connection   REFUSED_&lt;reason&gt;
 *   -0x1100 - code   {@link #brokerDisconnect(int)} the broker's DISCONNECT           BROKER_DISCONNECT_&lt;reason&gt;
 *   -0x1200 - code   {@link #publishRefused(int)}   PUBACK/PUBREC of 0x80 or more     PUBLISH_REFUSED_&lt;reason&gt;
 *   -0x1300 - code   {@link #violation(int)}        the client closed with DISCONNECT  VIOLATION_&lt;reason&gt;
 * </pre>
 */
public final class ClientStatus {

    public static final int OK = 0;

    // ---- publish, subscribe, unsubscribe
    /** Not connected: the message went to the offline queue and will be sent after connecting. */
    public static final int QUEUED = -200;
    /** Every outgoing slot holds an unacknowledged packet; try again after acknowledgements arrive. */
    public static final int OUTGOING_TABLE_FULL = -201;
    /** The offline queue has no room and its policy is REFUSE. */
    public static final int CLIENT_OFFLINE_QUEUE_FULL = -202;
    /** The transmit buffer has no room for a QoS 0 message now; poll and try again. */
    public static final int SEND_BUFFER_FULL = -203;
    /** The packet would be larger than maxPacketSize. */
    public static final int CLIENT_PACKET_TOO_LARGE = -204;
    /** QoS outside 0..2. */
    public static final int CLIENT_INVALID_QOS = -205;
    /** Every subscription slot, or the filter bytes, are in use. */
    public static final int SUBSCRIPTIONS_FULL = -206;
    /**
     * The session could not be written to storage: a publish() so refused was not accepted; a
     * connection so ended was closed before sending what depended on the change, and the engine
     * connects again only once a save succeeds (see MqttClient's store-before-act table).
     */
    public static final int STORAGE_FAILED = -208;
    /** A QoS 1/2 message of the previous session, discarded because the client connects with a clean session. */
    public static final int DISCARDED_BY_CLEAN_SESSION = -209;

    // ---- why a connection ended
    /** The transport could not connect, or failed. */
    public static final int TRANSPORT_FAILED = -220;
    /** The broker closed the connection. */
    public static final int CLOSED_BY_BROKER = -221;
    /** No CONNACK within connectTimeoutMillis. */
    public static final int CONNACK_TIMEOUT = -222;
    /** No PINGRESP within pingTimeoutMillis of a PINGREQ: the connection is taken as lost. */
    public static final int PING_TIMEOUT = -223;
    /** CONNACK 0x01: the broker does not speak MQTT 3.1.1. */
    public static final int REFUSED_PROTOCOL_VERSION = -224;
    /** CONNACK 0x02: the client id is not allowed. */
    public static final int REFUSED_IDENTIFIER = -225;
    /** CONNACK 0x03: the broker is unavailable. */
    public static final int REFUSED_SERVER_UNAVAILABLE = -226;
    /** CONNACK 0x04: bad user name or password. */
    public static final int REFUSED_BAD_CREDENTIALS = -227;
    /** CONNACK 0x05: not authorised. */
    public static final int REFUSED_NOT_AUTHORIZED = -228;
    /** The broker sent a packet a client must never receive (CONNECT, SUBSCRIBE, PINGREQ, ...) or out of turn. */
    public static final int UNEXPECTED_PACKET = -229;
    /** PUBACK for a QoS 2 message, PUBREC for a QoS 1 message, or another acknowledgement out of its flow. */
    public static final int ACK_OUT_OF_FLOW = -230;
    /** A QoS 2 PUBLISH arrived while every incoming slot waits for PUBREL; closed rather than acknowledge what cannot be kept. */
    public static final int CLIENT_INCOMING_TABLE_FULL = -231;
    /** An acknowledgement was overdue and resendMode is RESEND_ON_RECONNECT. */
    public static final int ACK_TIMEOUT = -232;
    /** The application asked to disconnect. */
    public static final int DISCONNECTED_BY_CLIENT = -233;
    /** The broker's CONNACK Maximum QoS is below the QoS asked for [MQTT-3.2.2-11]. */
    public static final int CLIENT_QOS_NOT_SUPPORTED = -234;
    /** The broker's CONNACK said Retain Available 0 and the message asked for retain [MQTT-3.2.2-14]. */
    public static final int CLIENT_RETAIN_NOT_SUPPORTED = -235;
    /** disconnect(): the DISCONNECT could not be handed to the transport (a congested link); the connection is closed anyway. */
    public static final int DISCONNECT_NOT_SENT = -236;
    /** disconnect() was called from a callback: the DISCONNECT leaves once the packet being handled is finished. */
    public static final int DISCONNECT_PENDING = -237;
    /** Subscription options other than QoS in MQTT 3.1.1, or a Retain Handling outside 0..2. */
    public static final int CLIENT_INVALID_OPTIONS = -238;
    /** A Message Expiry Interval outside 0..4,294,967,295 seconds. */
    public static final int CLIENT_INVALID_EXPIRY = -239;
    /**
     * Told with a connection that came up: the broker's Assigned Client Identifier is longer than
     * {@link MqttConfig#ASSIGNED_CLIENT_ID_ROOM}, so it was not kept. The connection works, but a
     * later connection (after a reboot too) connects with the empty id again and cannot find a
     * persistent session; the stored session is unchanged. Cure: configure a client id.
     */
    public static final int CLIENT_ASSIGNED_ID_TOO_LONG = -240;

    private static final int CONNACK_REFUSED_BASE = -0x1000;
    private static final int BROKER_DISCONNECT_BASE = -0x1100;
    private static final int PUBLISH_REFUSED_BASE = -0x1200;
    private static final int VIOLATION_BASE = -0x1300;
    private static final int REASON_SPAN = 0x100;

    private ClientStatus() {
    }

    /** An MQTT 5 CONNACK refusing the connection with {@code reasonCode} (0x80 or more). */
    public static int connackRefused(int reasonCode) {
        return CONNACK_REFUSED_BASE - reasonCode;
    }

    /** The broker ended the connection with an MQTT 5 DISCONNECT carrying {@code reasonCode}. */
    public static int brokerDisconnect(int reasonCode) {
        return BROKER_DISCONNECT_BASE - reasonCode;
    }

    /** The broker refused a QoS 1/2 PUBLISH with an MQTT 5 PUBACK or PUBREC of {@code reasonCode} (0x80 or more). */
    public static int publishRefused(int reasonCode) {
        return PUBLISH_REFUSED_BASE - reasonCode;
    }

    /** The client closed the connection with an MQTT 5 DISCONNECT of {@code reasonCode}: the broker broke a rule. */
    public static int violation(int reasonCode) {
        return VIOLATION_BASE - reasonCode;
    }

    /** The MQTT 5 Reason Code a status carries, or -1 when it carries none. */
    public static int reasonCode(int status) {
        if (status > CONNACK_REFUSED_BASE || status <= VIOLATION_BASE - REASON_SPAN) {
            return -1;
        }
        return (-status) % REASON_SPAN;
    }

    /**
     * Whether connecting again can help after a connection ended with {@code status}: false for a
     * refusal that only a change of configuration cures (bad credentials, not authorized, banned,
     * an unsupported protocol version, an invalid client id, QoS or retain of the will not supported,
     * a bad authentication method); the engine then stops instead of reconnecting.
     */
    public static boolean retryCanHelp(int status) {
        switch (status) {
            case REFUSED_PROTOCOL_VERSION:
            case REFUSED_IDENTIFIER:
            case REFUSED_BAD_CREDENTIALS:
            case REFUSED_NOT_AUTHORIZED:
                return false;
            default:
                break;
        }
        if (status > CONNACK_REFUSED_BASE || status <= CONNACK_REFUSED_BASE - REASON_SPAN) {
            return true;
        }
        switch (reasonCode(status)) {
            case ReasonCode.UNSUPPORTED_PROTOCOL_VERSION:
            case ReasonCode.CLIENT_IDENTIFIER_NOT_VALID:
            case ReasonCode.BAD_USER_NAME_OR_PASSWORD:
            case ReasonCode.NOT_AUTHORIZED:
            case ReasonCode.BANNED:
            case ReasonCode.BAD_AUTHENTICATION_METHOD:
            case ReasonCode.TOPIC_NAME_INVALID:
            case ReasonCode.PAYLOAD_FORMAT_INVALID:
            case ReasonCode.RETAIN_NOT_SUPPORTED:
            case ReasonCode.QOS_NOT_SUPPORTED:
            case ReasonCode.PACKET_TOO_LARGE:
                return false;
            default:
                return true;
        }
    }

    /** The name of any engine, session or codec status, for logs. */
    public static String name(int status) {
        if (status >= 0) {
            return "OK";
        }
        if (status <= CONNACK_REFUSED_BASE && status > VIOLATION_BASE - REASON_SPAN) {
            return reasonName(status);
        }
        if (status > -100) {
            return CodecStatus.name(status);
        }
        if (status > -200) {
            return SessionStatus.name(status);
        }
        switch (status) {
            case QUEUED: return "QUEUED";
            case OUTGOING_TABLE_FULL: return "OUTGOING_TABLE_FULL";
            case CLIENT_OFFLINE_QUEUE_FULL: return "CLIENT_OFFLINE_QUEUE_FULL";
            case SEND_BUFFER_FULL: return "SEND_BUFFER_FULL";
            case CLIENT_PACKET_TOO_LARGE: return "CLIENT_PACKET_TOO_LARGE";
            case CLIENT_INVALID_QOS: return "CLIENT_INVALID_QOS";
            case SUBSCRIPTIONS_FULL: return "SUBSCRIPTIONS_FULL";
            case STORAGE_FAILED: return "STORAGE_FAILED";
            case DISCARDED_BY_CLEAN_SESSION: return "DISCARDED_BY_CLEAN_SESSION";
            case TRANSPORT_FAILED: return "TRANSPORT_FAILED";
            case CLOSED_BY_BROKER: return "CLOSED_BY_BROKER";
            case CONNACK_TIMEOUT: return "CONNACK_TIMEOUT";
            case PING_TIMEOUT: return "PING_TIMEOUT";
            case REFUSED_PROTOCOL_VERSION: return "REFUSED_PROTOCOL_VERSION";
            case REFUSED_IDENTIFIER: return "REFUSED_IDENTIFIER";
            case REFUSED_SERVER_UNAVAILABLE: return "REFUSED_SERVER_UNAVAILABLE";
            case REFUSED_BAD_CREDENTIALS: return "REFUSED_BAD_CREDENTIALS";
            case REFUSED_NOT_AUTHORIZED: return "REFUSED_NOT_AUTHORIZED";
            case UNEXPECTED_PACKET: return "UNEXPECTED_PACKET";
            case ACK_OUT_OF_FLOW: return "ACK_OUT_OF_FLOW";
            case CLIENT_INCOMING_TABLE_FULL: return "CLIENT_INCOMING_TABLE_FULL";
            case ACK_TIMEOUT: return "ACK_TIMEOUT";
            case DISCONNECTED_BY_CLIENT: return "DISCONNECTED_BY_CLIENT";
            case CLIENT_QOS_NOT_SUPPORTED: return "CLIENT_QOS_NOT_SUPPORTED";
            case CLIENT_RETAIN_NOT_SUPPORTED: return "CLIENT_RETAIN_NOT_SUPPORTED";
            case DISCONNECT_NOT_SENT: return "DISCONNECT_NOT_SENT";
            case DISCONNECT_PENDING: return "DISCONNECT_PENDING";
            case CLIENT_INVALID_OPTIONS: return "CLIENT_INVALID_OPTIONS";
            case CLIENT_INVALID_EXPIRY: return "CLIENT_INVALID_EXPIRY";
            case CLIENT_ASSIGNED_ID_TOO_LONG: return "CLIENT_ASSIGNED_ID_TOO_LONG";
            default: return "UNKNOWN_STATUS";
        }
    }

    private static String reasonName(int status) {
        String reason = ReasonCode.name(reasonCode(status));
        if (status > BROKER_DISCONNECT_BASE) {
            return "REFUSED_" + reason;
        }
        if (status > PUBLISH_REFUSED_BASE) {
            return "BROKER_DISCONNECT_" + ReasonCode.name(reasonCode(status), PacketType.DISCONNECT);
        }
        if (status > VIOLATION_BASE) {
            return "PUBLISH_REFUSED_" + reason;
        }
        return "VIOLATION_" + reason;
    }
}
