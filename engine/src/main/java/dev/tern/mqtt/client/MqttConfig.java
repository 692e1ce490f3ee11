package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.TopicRules;
import dev.tern.mqtt.codec.Utf8;
import dev.tern.mqtt.session.OfflineQueue;

/**
 * Everything that sizes and tunes one {@link MqttClient}, fixed before it is built: the engine
 * allocates every buffer and table from these values in its constructor and never again.
 *
 * <p>Strings (client id, user name, topics) are UTF-8 bytes. Defaults suit a board with a few
 * tens of KB of heap; {@code boards/<id>/} gives each board its own sizing.
 */
public final class MqttConfig {

    /** Re-send on an acknowledgement timeout on the same connection, DUP=1 (MQTT 3.1.1, 4.4). */
    public static final int RESEND_ON_TIMER = 0;
    /** On an acknowledgement timeout close the connection; re-send after reconnecting (MQTT 5.0 style). */
    public static final int RESEND_ON_RECONNECT = 1;

    /** {@link ProtocolLevel#V3_1_1} (4, the default) or {@link ProtocolLevel#V5} (5). */
    public int protocolVersion = ProtocolLevel.V3_1_1;

    /**
     * Bytes kept for a broker's Assigned Client Identifier (MQTT 5, empty clientId), in RAM and in
     * the session journal: mosquitto's "auto-" and a UUID take 41. A longer one is not kept
     * ({@link ClientStatus#CLIENT_ASSIGNED_ID_TOO_LONG}).
     */
    public static final int ASSIGNED_CLIENT_ID_ROOM = 128;

    /** Session Expiry Interval 0xFFFFFFFF: the broker keeps the session until the client cleans it. */
    public static final long SESSION_NEVER_EXPIRES = 0xFFFFFFFFL;

    public byte[] clientId = new byte[0];
    public int keepAliveSeconds = 60;
    public boolean cleanSession;
    /** Null for none. A password needs a user name in MQTT 3.1.1. */
    public byte[] userName;
    public byte[] password;
    /** Null for no will. */
    public byte[] willTopic;
    public byte[] willMessage = new byte[0];
    public int willQos;
    public boolean willRetain;

    // ---- MQTT 5 only (ignored in 3.1.1)
    /**
     * Session Expiry Interval sent when cleanSession is false (3.1.2.11.2): how long the broker keeps
     * the session after the connection ends. With cleanSession true the engine sends 0, so that the
     * session ends with the connection, as in 3.1.1. A persistent session across reboots and long
     * outages needs it longer than the longest outage; the default never expires.
     */
    public long sessionExpirySeconds = SESSION_NEVER_EXPIRES;
    /**
     * Receive Maximum sent in CONNECT: QoS 1 and 2 PUBLISH packets the broker may have unacknowledged
     * toward this client; never more than incomingQos2Slots, whose room beyond it absorbs a broker
     * that sends more. 0: incomingQos2Slots.
     */
    public int receiveMaximum = 20;
    /** Topic aliases the broker may use toward this client (Topic Alias Maximum in CONNECT); 0: none. */
    public int incomingTopicAliases;
    /** Bytes for the topics of all incoming aliases together. */
    public int incomingTopicAliasBytes = 256;
    /** Topic aliases this client uses when publishing, never more than the broker's Topic Alias Maximum. */
    public int outgoingTopicAliases = 4;
    /** Bytes for the topics of all outgoing aliases together (a board's few topics: 4 of up to 32 bytes). */
    public int outgoingTopicAliasBytes = 128;
    /** Request Problem Information (3.1.2.11.7): false asks the broker for no Reason String on failures. */
    public boolean requestProblemInformation = true;
    /** Will Delay Interval (3.1.3.2.2): seconds the broker waits before publishing the will. */
    public long willDelaySeconds;

    /** QoS 1/2 PUBLISH, SUBSCRIBE and UNSUBSCRIBE awaiting acknowledgement at once. */
    public int outgoingSlots = 16;
    /**
     * Incoming QoS 2 packet ids awaiting PUBREL the engine can hold (2 bytes each, and 2 more in the
     * session journal's shadow). Larger than the window the broker is given (receiveMaximum, and
     * mosquitto's max_inflight_messages, 20, in 3.1.1), because a broker may send more than it:
     * mosquitto 2.0.11 does (a bug fixed in 2.0.13), 90 at once seen against a window of 20. A QoS 2
     * PUBLISH that still finds the table full is not acknowledged; the engine closes the connection
     * (CLIENT_INCOMING_TABLE_FULL) and the broker re-sends it after the reconnect.
     */
    public int incomingQos2Slots = 256;
    /** Largest packet sent or received, fixed header included. */
    public int maxPacketSize = 1024;
    /**
     * Bytes shared by the stored packets of all outgoing records (at least maxPacketSize): any
     * packet up to maxPacketSize fits while this many bytes are free; a publish that finds too few
     * is refused with OUTGOING_TABLE_FULL, like one that finds every slot taken. 0 (the default):
     * {@link #DEFAULT_POOL_PACKETS} packets of maxPacketSize (4096 bytes at the default sizing:
     * 16 readings of 256 bytes), never more than outgoingSlots of them.
     */
    public int outgoingPoolBytes;

    /** Packets of the maximum size the pool holds when outgoingPoolBytes is 0. */
    public static final int DEFAULT_POOL_PACKETS = 4;
    /** Bytes for messages published while offline. */
    public int offlineQueueBytes = 4096;
    /** {@link OfflineQueue#REFUSE} (default) or {@link OfflineQueue#DROP_OLDEST}. */
    public int offlineQueuePolicy = OfflineQueue.REFUSE;
    /** Topic filters the client can hold subscriptions for. */
    public int maxSubscriptions = 8;
    /** Bytes for all subscribed topic filters together. */
    public int subscriptionFilterBytes = 512;

    public int ackTimeoutMillis = 10000;
    /** How long a PINGRESP may take after a PINGREQ before the connection is taken as lost. */
    public int pingTimeoutMillis = 10000;
    public int connectTimeoutMillis = 10000;
    /** {@link #RESEND_ON_TIMER} or {@link #RESEND_ON_RECONNECT}. */
    public int resendMode = RESEND_ON_TIMER;
    public int reconnectMinMillis = 500;
    public int reconnectMaxMillis = 30000;
    /** Each reconnect delay is moved by up to this share of itself, either way (0..100). */
    public int reconnectJitterPercent = 20;
    /** Seed of the jitter; give each board its own so that a fleet does not reconnect in step. */
    public long jitterSeed = 1;

    /**
     * Checks every value; throws IllegalArgumentException naming the first one that is wrong.
     * Called by the engine's constructor: a bad configuration is a programming error.
     */
    public void validate() {
        require(protocolVersion == ProtocolLevel.V3_1_1 || protocolVersion == ProtocolLevel.V5, "protocolVersion",
                "4 (MQTT 3.1.1) or 5 (MQTT 5)");
        require(clientId != null, "clientId", "must not be null");
        require(clientId.length > 0 || cleanSession || protocolVersion == ProtocolLevel.V5, "clientId",
                "an empty client id needs cleanSession=true in MQTT 3.1.1 [MQTT-3.1.3-7]");
        // checked here, not at the first connect: a CONNECT that cannot be encoded would stop poll()
        require(CodecStatus.OK == Utf8.check(clientId, 0, clientId.length), "clientId",
                "well-formed UTF-8 without U+0000 [MQTT-1.5.3-1] [MQTT-1.5.3-2]");
        require(userName == null || CodecStatus.OK == Utf8.check(userName, 0, userName.length), "userName",
                "well-formed UTF-8 without U+0000 [MQTT-1.5.3-1] [MQTT-1.5.3-2]");
        require(willTopic == null || CodecStatus.OK == TopicRules.checkName(willTopic, 0, willTopic.length),
                "willTopic", "a Topic Name: not empty, no wildcards, UTF-8 without U+0000 [MQTT-3.1.3-10]");
        require(keepAliveSeconds >= 0 && keepAliveSeconds <= 65535, "keepAliveSeconds", "0..65535");
        require(password == null || userName != null || protocolVersion == ProtocolLevel.V5, "password",
                "needs a userName in MQTT 3.1.1");
        require(sessionExpirySeconds >= 0 && sessionExpirySeconds <= SESSION_NEVER_EXPIRES, "sessionExpirySeconds",
                "0..4294967295");
        require(receiveMaximum >= 0 && receiveMaximum <= 65535, "receiveMaximum", "0 (incomingQos2Slots) or 1..65535");
        require(incomingTopicAliases >= 0 && incomingTopicAliases <= 65535, "incomingTopicAliases", "0..65535");
        require(incomingTopicAliasBytes >= 0, "incomingTopicAliasBytes", ">= 0");
        require(outgoingTopicAliases >= 0 && outgoingTopicAliases <= 65535, "outgoingTopicAliases", "0..65535");
        require(outgoingTopicAliasBytes >= 0, "outgoingTopicAliasBytes", ">= 0");
        require(willDelaySeconds >= 0 && willDelaySeconds <= SESSION_NEVER_EXPIRES, "willDelaySeconds", "0..4294967295");
        require(willQos >= 0 && willQos <= 2, "willQos", "0..2");
        require(willTopic == null || willMessage != null, "willMessage", "must not be null when there is a will");
        require(outgoingSlots >= 1 && outgoingSlots <= 65535, "outgoingSlots", "1..65535");
        require(incomingQos2Slots >= 1 && incomingQos2Slots <= 65535, "incomingQos2Slots", "1..65535");
        require(maxPacketSize >= 64 && maxPacketSize <= 65535, "maxPacketSize", "64..65535");
        require(outgoingPoolBytes == 0 || outgoingPoolBytes >= maxPacketSize, "outgoingPoolBytes",
                "0 (automatic) or >= maxPacketSize");
        require(offlineQueueBytes >= 0, "offlineQueueBytes", ">= 0");
        require(offlineQueuePolicy == OfflineQueue.REFUSE || offlineQueuePolicy == OfflineQueue.DROP_OLDEST,
                "offlineQueuePolicy", "REFUSE or DROP_OLDEST");
        require(maxSubscriptions >= 0, "maxSubscriptions", ">= 0");
        require(subscriptionFilterBytes >= 0, "subscriptionFilterBytes", ">= 0");
        require(ackTimeoutMillis > 0, "ackTimeoutMillis", "> 0");
        require(pingTimeoutMillis > 0, "pingTimeoutMillis", "> 0");
        require(connectTimeoutMillis > 0, "connectTimeoutMillis", "> 0");
        require(resendMode == RESEND_ON_TIMER || resendMode == RESEND_ON_RECONNECT, "resendMode",
                "RESEND_ON_TIMER or RESEND_ON_RECONNECT");
        require(reconnectMinMillis > 0 && reconnectMaxMillis >= reconnectMinMillis, "reconnectMinMillis",
                "0 < reconnectMinMillis <= reconnectMaxMillis");
        require(reconnectMaxMillis <= 24 * 3600 * 1000, "reconnectMaxMillis", "at most a day");
        require(reconnectJitterPercent >= 0 && reconnectJitterPercent <= 100, "reconnectJitterPercent", "0..100");
    }

    /** The Receive Maximum the engine announces: receiveMaximum (0: incomingQos2Slots), never above incomingQos2Slots. */
    public int announcedReceiveMaximum() {
        return receiveMaximum != 0 ? Math.min(receiveMaximum, incomingQos2Slots) : incomingQos2Slots;
    }

    /**
     * Bytes the session keeps for an Assigned Client Identifier: {@link #ASSIGNED_CLIENT_ID_ROOM} for
     * an MQTT 5 client with an empty clientId, else 0 (a broker assigns an id to no other client).
     */
    public int assignedClientIdRoom() {
        return isV5() && clientId != null && clientId.length == 0 ? ASSIGNED_CLIENT_ID_ROOM : 0;
    }

    /** Whether this client speaks MQTT 5. */
    public boolean isV5() {
        return protocolVersion == ProtocolLevel.V5;
    }

    /** The pool size the engine allocates: outgoingPoolBytes, or the automatic size for 0. */
    public int poolBytes() {
        if (outgoingPoolBytes != 0) {
            return outgoingPoolBytes;
        }
        return Math.min(DEFAULT_POOL_PACKETS, outgoingSlots) * maxPacketSize;
    }

    private static void require(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + rule);
        }
    }
}
