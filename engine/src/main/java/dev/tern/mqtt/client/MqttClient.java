package dev.tern.mqtt.client;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.Transport;
import dev.tern.mqtt.codec.AckCodec;
import dev.tern.mqtt.codec.AliasedPublish;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.ConnectCodec;
import dev.tern.mqtt.codec.ConnectParameters;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.DisconnectCodec;
import dev.tern.mqtt.codec.EmptyPacketCodec;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.Properties;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.PublishCodec;
import dev.tern.mqtt.codec.ReasonCode;
import dev.tern.mqtt.codec.RemainingLength;
import dev.tern.mqtt.codec.SubscribeCodec;
import dev.tern.mqtt.codec.TopicRules;
import dev.tern.mqtt.codec.Uint16;
import dev.tern.mqtt.session.AssignedClientId;
import dev.tern.mqtt.session.Millis;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.OutgoingTable;
import dev.tern.mqtt.session.QosActions;
import dev.tern.mqtt.session.QosEvents;
import dev.tern.mqtt.session.QosStates;
import dev.tern.mqtt.session.QosTransitions;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.RestoreReport;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;

/**
 * The MQTT client engine, 3.1.1 or 5 as {@link MqttConfig#protocolVersion} says: one thread, driven by {@link #poll(long)}, never blocking, never
 * reading a clock, allocating nothing after its constructor.
 *
 * <pre>{@code
 * MqttClient client = new MqttClient(config, transport, storage, listener, PacketTrace.NONE);
 * client.start(now);
 * while (true) {
 *     client.poll(clock.millis());
 *     int id = client.publish(topic, 0, topic.length, reading, 0, n, 1, false);
 * }
 * }</pre>
 *
 * The session (unacknowledged messages with their packet bytes, incoming QoS 2 ids, the next
 * packet id, the offline queue) lives in {@code storage} when one is given. A new engine on the
 * same storage resumes it.
 *
 * <p>Store before act. Each change to the session is either DURABLE (saved before the engine acts
 * on it) or LAZY (written by the next save, or by a save when a poll finds nothing to do):
 * <pre>
 *  change                                   kind     why
 *  publish() QoS 1/2 accepted (an id)       DURABLE  the application is told it will be delivered
 *  publish() QoS 1/2 queued offline         DURABLE  the same, for QUEUED
 *  queued QoS 1/2 moved into flight         DURABLE  before its PUBLISH leaves: after a reboot it would
 *                                                    leave again under a new id (a QoS 2 duplicate)
 *  PUBREC received: PUBREL phase            DURABLE  before the PUBREL leaves: no PUBLISH after a PUBREL
 *                                                    [MQTT-4.3.3-1]
 *  incoming QoS 2 id stored                 DURABLE  before delivery and PUBREC: a re-sent PUBLISH must
 *                                                    be known as a duplicate [MQTT-4.3.3-2]
 *  incoming QoS 2 id released (PUBREL)      DURABLE  before the PUBCOMP leaves: a stale id would swallow a
 *                                                    new message that reuses it
 *  CONNACK session-present 0 clears the     DURABLE  (persistent sessions) the same stale-id loss
 *  incoming ids
 *  CONNACK Assigned Client Identifier      DURABLE  (persistent sessions, MQTT 5, empty client id) before
 *  (a new one)                                       the connection is used: a reboot that lost it would
 *                                                    connect with the empty id and never find the session
 *  PUBACK / PUBCOMP removal                 LAZY     lost: the message is re-sent after a reboot; QoS 1 is
 *                                                    at least once (4.3.2), and the receiver answers a
 *                                                    PUBREL with PUBCOMP whatever it holds [MQTT-4.3.3-2]
 *  SUBSCRIBE / UNSUBSCRIBE records, SUBACK  LAZY     the subscriptions themselves live in RAM only; the
 *  / UNSUBACK removals                               application subscribes again after a reboot
 *  next packet id                           LAZY     restored records keep their ids; an id is free for
 *                                                    reuse once its flow finished [MQTT-2.3.1-2]
 *  queued QoS 0 message sent                DURABLE  its removal from the queue is stored before it leaves:
 *                                                    else a reboot sends it again, and QoS 0 is "at most
 *                                                    once" (4.3.1)
 *  QoS 0: queued, application data for      LAZY     a reboot before the next save may lose a queued QoS 0
 *  QoS 0 publish()                                   message, which QoS 0 allows
 *  clean-session discard, session resumed   LAZY     every clean connect discards again; resumed states
 *                                                    are rebuilt from CONNACK after a reboot
 * </pre>
 * A failed save (any negative store status) is counted ({@link Counters#storageFailures}) and
 * nothing that depends on it leaves. The rule: the RAM session stays the truth and the next save
 * writes all of it, except for changes that must not be stored without their act, which are
 * undone at once: a refused publish() (the call returns {@link ClientStatus#STORAGE_FAILED}) and an
 * incoming QoS 2 id whose message was not delivered (a later save storing it would swallow the
 * broker's re-send). A failed DURABLE save for a broker-driven step closes the connection
 * ({@link ClientStatus#STORAGE_FAILED}, told to the listener); the engine then retries the save
 * at each reconnect attempt and connects only once it is stored; the broker re-sends what went
 * unacknowledged. A failed LAZY save is retried when idle. After a failed save no save is tried
 * for a while (doubling from reconnectMinMillis to reconnectMaxMillis): requests that need one
 * are refused with STORAGE_FAILED meanwhile.
 */
public final class MqttClient {

    /** Not started, or stopped by {@link #disconnect}. */
    public static final int STATE_STOPPED = 0;
    /** Waiting for the reconnect delay to pass. */
    public static final int STATE_WAITING = 1;
    /** The transport is connecting. */
    public static final int STATE_CONNECTING = 2;
    /** CONNECT sent; CONNACK awaited. */
    public static final int STATE_CONNACK_PENDING = 3;
    /** CONNACK accepted: messages flow. */
    public static final int STATE_CONNECTED = 4;

    /** The report of a client without storage: nothing restored, nothing dropped. */
    private static final RestoreReport NO_RESTORE = new RestoreReport();
    /** Topic Alias (3 bytes) and Message Expiry Interval (5 bytes). */
    private static final int PUBLISH_PROPERTIES_CAPACITY = 8;
    /** What a Topic Alias adds to a stored PUBLISH: the property, and one more byte of Remaining Length at most. */
    private static final int ALIAS_GROWTH = 4;
    /** The Message Expiry Interval property: identifier and four-byte value. */
    private static final int EXPIRY_PROPERTY_LENGTH = 5;
    /** How many read-decode rounds one poll does at most, so that sending is never starved. */
    private static final int READS_PER_POLL = 4;

    private final MqttConfig config;
    private final Transport transport;
    private final SessionStore store;
    private int lastStoreStatus = SessionStatus.OK;
    private final MqttListener listener;
    private final PacketTrace trace;
    private final Session session;
    private final OutgoingTable outgoing;
    private final OfflineQueue offlineQueue;
    private final Subscriptions subscriptions;
    private final PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final IncomingMessage message = new IncomingMessage();
    private final boolean v5;
    /** MQTT 5: reads the properties of received packets. */
    private final Properties properties = new Properties();
    /** What the broker's CONNACK allows this connection (the standard's defaults in 3.1.1). */
    private final ServerLimits serverLimits;
    private final OutgoingTopicAliases outgoingAliases;
    private final IncomingTopicAliases incomingAliases;
    /** MQTT 5: the properties of a PUBLISH written now (Topic Alias, Message Expiry Interval). */
    private final PropertyWriter publishProperties = new PropertyWriter();
    private final byte[] publishPropertyBytes = new byte[PUBLISH_PROPERTIES_CAPACITY];
    private final ConnectParameters connectParameters = new ConnectParameters();
    private final SendBuffer sendBuffer;
    private final byte[] receiveBuffer;
    private final int[] oneFilterOffset = new int[1];
    private final int[] oneFilterLength = new int[1];
    private final int[] oneFilterQos = new int[1];
    private final Backoff backoff;
    /** Delays between attempts to save while saves fail. */
    private final Backoff storeBackoff;
    private final Counters counters = new Counters();
    private final int restoreStatus;

    private int state = STATE_STOPPED;
    private int receiveLength;
    private int now;
    private int nextAttemptAt;
    private int connackDeadline;
    private int lastSentAt;
    private boolean pingOutstanding;
    private int pingDeadline;
    private int epoch;
    private boolean everConnected;
    private int lastStatus = ClientStatus.OK;
    private boolean resubscribePending;
    /** A DURABLE save failed: the connection stays down until a save succeeds. */
    private boolean storePending;
    /** LAZY changes not saved yet. */
    private boolean lazyChanges;
    /** After a failed save, no save is tried before this time. */
    private int nextSaveAt;
    /** Inside poll(): a disconnect() from a callback waits until the packet being handled is finished. */
    private boolean polling;
    private boolean disconnectRequested;
    /** A QoS 2 PUBLISH found the incoming table full: no PUBLISH is acknowledged until the reconnect. */
    private boolean holdingBack;
    private int holdingBackSince;

    /**
     * @param storage the session store's flash region, or null for a session kept in RAM only
     * @throws IllegalArgumentException for a bad configuration, or storage too small for it
     */
    public MqttClient(MqttConfig config, Transport transport, NonVolatileStorage storage,
                      MqttListener listener, PacketTrace trace) {
        config.validate();
        if (transport == null || listener == null || trace == null) {
            throw new IllegalArgumentException("transport, listener and trace are required");
        }
        this.config = config;
        this.transport = transport;
        this.listener = listener;
        this.trace = trace;
        session = new Session(config.outgoingSlots, config.maxPacketSize, config.poolBytes(), config.incomingQos2Slots,
                config.offlineQueueBytes, config.offlineQueuePolicy, config.assignedClientIdRoom());
        outgoing = session.outgoing();
        offlineQueue = session.offlineQueue();
        subscriptions = new Subscriptions(config.maxSubscriptions, config.subscriptionFilterBytes);
        v5 = config.isV5();
        serverLimits = new ServerLimits();
        outgoingAliases = new OutgoingTopicAliases(v5 ? config.outgoingTopicAliases : 0, config.outgoingTopicAliasBytes);
        incomingAliases = new IncomingTopicAliases(v5 ? config.incomingTopicAliases : 0, config.incomingTopicAliasBytes);
        decoder = new PacketDecoder(config.maxPacketSize, config.protocolVersion);
        sendBuffer = new SendBuffer(2 * config.maxPacketSize);
        receiveBuffer = new byte[config.maxPacketSize];
        backoff = new Backoff(config.reconnectMinMillis, config.reconnectMaxMillis,
                config.reconnectJitterPercent, config.jitterSeed);
        storeBackoff = new Backoff(config.reconnectMinMillis, config.reconnectMaxMillis,
                config.reconnectJitterPercent, config.jitterSeed);
        connectParameters.clientId(config.clientId, 0, config.clientId.length);
        connectParameters.cleanSession(config.cleanSession);
        connectParameters.keepAliveSeconds(config.keepAliveSeconds);
        if (config.willTopic != null) {
            connectParameters.will(config.willTopic, 0, config.willTopic.length,
                    config.willMessage, 0, config.willMessage.length, config.willQos, config.willRetain);
        }
        if (config.userName != null) {
            connectParameters.userName(config.userName, 0, config.userName.length);
        }
        if (config.password != null) {
            connectParameters.password(config.password, 0, config.password.length);
        }
        if (v5) {
            connectParameters.protocolLevel(config.protocolVersion);
            PropertyWriter writer = new PropertyWriter();
            byte[] connectProperties = new byte[ConnectProperties.CAPACITY];
            connectParameters.properties(connectProperties, 0, ConnectProperties.write(config, connectProperties, writer));
            if (config.willTopic != null) {
                byte[] willProperties = new byte[ConnectProperties.WILL_CAPACITY];
                connectParameters.willProperties(willProperties, 0,
                        ConnectProperties.writeWill(config, willProperties, writer));
            }
        }
        if (storage == null) {
            store = null;
            restoreStatus = SessionStatus.STORE_EMPTY;
        } else {
            store = new SessionStore(storage);
            restoreStatus = store.restore(session);
            if (SessionStatus.SESSION_TOO_LARGE == store.fits(session)) {
                throw new IllegalArgumentException("storage: " + storage.size() + " bytes in units of " + storage.pageSize()
                        + " cannot hold two checkpoints of this configuration's largest session ("
                        + store.checkpointUnits(session) + " units each)");
            }
            connectWithAssignedId();
            treatRestoredRecordsAsSent();
            // whatever was on the wire before the reboot is now unacknowledged on a lost connection
            applyToAllRecords(QosEvents.CONNECTION_LOST);
        }
    }

    /** The broker's Assigned Client Identifier, once the session holds one, names this client in every CONNECT. */
    private void connectWithAssignedId() {
        AssignedClientId assigned = session.assignedClientId();
        if (assigned.length() > 0) {
            connectParameters.clientId(assigned.bytes(), 0, assigned.length());
        } else {
            connectParameters.clientId(config.clientId, 0, config.clientId.length);
        }
    }

    /**
     * A record restored in a *_SEND state may have reached the broker before the reboot (the
     * move to *_PENDING is not saved on its own), so it counts as sent: it goes out again with
     * DUP=1 [MQTT-3.3.1-1], and a PUBREL as a re-send.
     */
    private void treatRestoredRecordsAsSent() {
        for (int index = 0; index < outgoing.size(); index++) {
            int slot = outgoing.slotInSendOrder(index);
            int recordState = outgoing.state(slot);
            if (recordState == QosStates.QOS1_PUBLISH_SEND || recordState == QosStates.QOS2_PUBLISH_SEND) {
                outgoing.transition(slot, QosEvents.PUBLISH_SENT);
            } else if (recordState == QosStates.PUBREL_SEND) {
                outgoing.transition(slot, QosEvents.PUBREL_SENT);
            }
        }
    }

    // ------------------------------------------------------------------ the API

    /** Starts connecting at the next {@link #poll}; reconnects by itself from then on. */
    public int start(long nowMillis) {
        now = (int) nowMillis;
        if (state == STATE_STOPPED) {
            state = STATE_WAITING;
            nextAttemptAt = now;
        }
        return ClientStatus.OK;
    }

    /**
     * Does whatever is due: connect, read and handle packets, send, re-send, keep alive. Returns
     * how much it did (0 when idle), so a board can sleep when polls keep returning 0.
     */
    public int poll(long nowMillis) {
        now = (int) nowMillis;
        polling = true;
        try {
            return pollSteps();
        } finally {
            polling = false;
            if (disconnectRequested) {
                disconnectNow();
            }
        }
    }

    private int pollSteps() {
        int work = 0;
        if (state == STATE_WAITING && Millis.isDue(nextAttemptAt, now)) {
            if (storePending && save() < 0) {
                nextAttemptAt = nextSaveAt; // no connection before the session is stored
            } else {
                state = STATE_CONNECTING;
                connackDeadline = now + config.connectTimeoutMillis;
            }
            work++;
        }
        if (state == STATE_CONNECTING) {
            work += continueConnecting();
        }
        if (state == STATE_CONNACK_PENDING || state == STATE_CONNECTED) {
            work += flush();
            work += receive();
        }
        if (disconnectRequested) {
            return work + 1;
        }
        if (state == STATE_CONNECTED) {
            work += sendPending();
            work += drainOfflineQueue();
            work += checkAckDeadlines();
            work += keepAlive();
            if (holdingBack && Millis.isDue(holdingBackSince + config.ackTimeoutMillis, now)) {
                // the PUBRELs that would free the table did not come: reconnect anyway
                closeAfterFlush(ClientStatus.CLIENT_INCOMING_TABLE_FULL);
                return work + 1;
            }
            if (resubscribePending && state == STATE_CONNECTED) {
                work += resubscribeUngranted();
            }
        }
        if (state == STATE_CONNACK_PENDING && Millis.isDue(connackDeadline, now)) {
            connectionLost(ClientStatus.CONNACK_TIMEOUT);
        }
        if (state == STATE_CONNACK_PENDING || state == STATE_CONNECTED) {
            work += flush();
        }
        if (work == 0) {
            work += saveLazyChanges();
        }
        return work;
    }

    /**
     * Publishes a message. Returns its packet id (QoS 1/2, accepted and stored: it will be
     * delivered), {@link ClientStatus#OK} (QoS 0 handed to the transport), {@link ClientStatus#QUEUED}
     * (offline: kept in the offline queue), or why it was refused; never drops it silently.
     */
    public int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                       int payloadLength, int qos, boolean retain) {
        return publish(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, 0);
    }

    /**
     * As {@link #publish(byte[], int, int, byte[], int, int, int, boolean)}, with a Message Expiry
     * Interval (3.3.2.3.3): 0 for none, else 1..4,294,967,295 seconds, counted from the engine's
     * time (the last start() or poll()). A message that waits in the offline queue longer than that
     * is dropped there, counted ({@link Counters#expired}) and never
     * sent (in 3.1.1 too); in MQTT 5 the PUBLISH carries what is left of the interval, so the broker
     * drops it too if no subscriber takes it in time.
     */
    public int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                       int payloadLength, int qos, boolean retain, long messageExpirySeconds) {
        if (messageExpirySeconds < 0 || messageExpirySeconds > MqttConfig.SESSION_NEVER_EXPIRES) {
            return refuse(ClientStatus.CLIENT_INVALID_EXPIRY);
        }
        if (qos < 0 || qos > 2) {
            return refuse(ClientStatus.CLIENT_INVALID_QOS);
        }
        int topicStatus = TopicRules.checkName(topic, topicOffset, topicLength);
        if (topicStatus < 0) {
            return refuse(topicStatus);
        }
        long remaining = publishRemainingLength(topicLength, payloadLength, qos, messageExpirySeconds);
        if (remaining > RemainingLength.MAX_VALUE
                || packetSize(remaining) > config.maxPacketSize) {
            return refuse(ClientStatus.CLIENT_PACKET_TOO_LARGE);
        }
        if (state == STATE_CONNECTED) {
            int allowed = allowedByServer(qos, retain, packetSize(remaining));
            if (allowed < 0) {
                return refuse(allowed);
            }
        }
        if (state != STATE_CONNECTED || !offlineQueue.isEmpty()) {
            // offline, or older messages still wait in the queue: keep the order
            return enqueue(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain,
                    messageExpirySeconds);
        }
        if (qos == 0) {
            int sent = sendQos0(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, retain,
                    messageExpirySeconds);
            if (sent < 0) {
                return refuse(sent);
            }
            lazyChanges = true; // the application data, changed for this reading, say
            return sent;
        }
        int id = addPublishRecord(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain,
                messageExpirySeconds);
        if (id < 0) {
            return refuse(id);
        }
        int saved = save();
        if (saved < 0) {
            outgoing.release(outgoing.find(id));
            return refuse(ClientStatus.STORAGE_FAILED);
        }
        return id;
    }

    /**
     * Subscribes to a topic filter at a requested QoS: the SUBSCRIBE's packet id, or a failure.
     * The filter is kept: it is subscribed again whenever the broker has no session. The granted
     * QoS arrives through {@link MqttListener#onSubscribed} and {@link #grantedQos(int)}.
     */
    public int subscribe(byte[] filter, int offset, int length, int qos) {
        return subscribe(filter, offset, length, qos, false, false, 0);
    }

    /**
     * Subscribes with the MQTT 5 subscription options (3.8.3.1): No Local (the broker does not send
     * this client its own messages), Retain As Published, Retain Handling (0 send retained messages,
     * 1 only for a new subscription, 2 never). In 3.1.1 every option must be left at its default
     * (CLIENT_INVALID_OPTIONS otherwise).
     */
    public int subscribe(byte[] filter, int offset, int length, int qos, boolean noLocal, boolean retainAsPublished,
                         int retainHandling) {
        if (qos < 0 || qos > 2) {
            return ClientStatus.CLIENT_INVALID_QOS;
        }
        if (retainHandling < 0 || retainHandling > 2 || (!v5 && (noLocal || retainAsPublished || retainHandling != 0))) {
            return ClientStatus.CLIENT_INVALID_OPTIONS;
        }
        int filterStatus = TopicRules.checkFilter(filter, offset, length);
        if (filterStatus < 0) {
            return filterStatus;
        }
        long size = packetSize(subscribeRemainingLength(length));
        if (size > config.maxPacketSize) {
            return ClientStatus.CLIENT_PACKET_TOO_LARGE;
        }
        if (!outgoing.hasRoomFor((int) size)) {
            return ClientStatus.OUTGOING_TABLE_FULL; // before put(): a failure must leave an existing subscription as it was
        }
        int index = subscriptions.put(filter, offset, length,
                SubscribeCodec.options(qos, noLocal, retainAsPublished, retainHandling));
        if (index < 0) {
            return ClientStatus.SUBSCRIPTIONS_FULL;
        }
        int id = addSubscribeRecord(index);
        if (id < 0) {
            subscriptions.remove(index);
        }
        lazyChanges = true;
        return id;
    }

    /** Unsubscribes from a topic filter: the UNSUBSCRIBE's packet id, or a failure. */
    public int unsubscribe(byte[] filter, int offset, int length) {
        int filterStatus = TopicRules.checkFilter(filter, offset, length);
        if (filterStatus < 0) {
            return filterStatus;
        }
        long size = packetSize(SubscribeCodec.PACKET_ID_SIZE + propertyLengthSize() + Uint16.SIZE + (long) length);
        if (size > config.maxPacketSize) {
            return ClientStatus.CLIENT_PACKET_TOO_LARGE;
        }
        int slot = reserveRecord(0, QosStates.UNSUBSCRIBE_SEND, (int) size);
        if (slot < 0) {
            return slot;
        }
        oneFilterOffset[0] = offset;
        oneFilterLength[0] = length;
        int id = completeRecord(slot, v5
                ? SubscribeCodec.encodeUnsubscribe5(outgoing.slab(), outgoing.packetOffset(slot), outgoing.packetLength(slot),
                        outgoing.packetId(slot), null, 0, 0, filter, oneFilterOffset, oneFilterLength, 1)
                : SubscribeCodec.encodeUnsubscribe(outgoing.slab(), outgoing.packetOffset(slot),
                        outgoing.packetLength(slot), outgoing.packetId(slot), filter, oneFilterOffset, oneFilterLength, 1));
        if (id < 0) {
            return id;
        }
        int index = subscriptions.find(filter, offset, length);
        if (index >= 0) {
            subscriptions.remove(index);
        }
        lazyChanges = true;
        return id;
    }

    /**
     * Sends DISCONNECT if connected, closes the transport and stops; the session is kept. Returns
     * OK when the DISCONNECT (and everything before it) was handed to the transport,
     * {@link ClientStatus#DISCONNECT_NOT_SENT} when a congested link did not take it all (the
     * connection is closed anyway: the broker may publish the will), or, called from a listener
     * callback inside {@link #poll}, {@link ClientStatus#DISCONNECT_PENDING}: the engine finishes
     * the packet it is handling, then disconnects before poll() returns.
     */
    public int disconnect(long nowMillis) {
        now = (int) nowMillis;
        if (polling) {
            disconnectRequested = true;
            return ClientStatus.DISCONNECT_PENDING;
        }
        return disconnectNow();
    }

    private int disconnectNow() {
        disconnectRequested = false;
        int status = ClientStatus.OK;
        if (state == STATE_CONNECTED) {
            status = sendDisconnect(ReasonCode.NORMAL_DISCONNECTION) ? ClientStatus.OK : ClientStatus.DISCONNECT_NOT_SENT;
        }
        boolean wasUp = state == STATE_CONNECTED || state == STATE_CONNACK_PENDING;
        transport.close();
        resetConnection();
        state = STATE_STOPPED;
        lastStatus = ClientStatus.DISCONNECTED_BY_CLIENT;
        if (wasUp) {
            listener.onConnectionChanged(false, false, ClientStatus.DISCONNECTED_BY_CLIENT);
        }
        return status;
    }

    /** Encodes a DISCONNECT (MQTT 5: with {@code reasonCode}) and flushes: true when the transport took it all. */
    private boolean sendDisconnect(int reasonCode) {
        int room = sendBuffer.room();
        int length = v5
                ? DisconnectCodec.encodeDisconnect5(sendBuffer.bytes(), sendBuffer.end(), room, reasonCode, null, 0, 0)
                : EmptyPacketCodec.encodeDisconnect(sendBuffer.bytes(), sendBuffer.end(), room);
        if (length < 0) {
            return false;
        }
        commitSent(PacketType.DISCONNECT, 0, 0, false, length);
        return sendBuffer.flush(transport) >= 0 && sendBuffer.isEmpty();
    }

    public int state() {
        return state;
    }

    public boolean isConnected() {
        return state == STATE_CONNECTED;
    }

    /** Why the last connection ended (or failed to start); OK before any. */
    public int lastStatus() {
        return lastStatus;
    }

    /** What restoring the stored session found: OK, STORE_EMPTY, STORE_CORRUPT, ... (SessionStatus). */
    public int restoreStatus() {
        return restoreStatus;
    }

    /**
     * The session store's answer to the last save it was asked for: OK, STORAGE_ERROR, or
     * FLASH_WORN (the store found too few sound erase units and claims no durability any more).
     */
    public int lastStoreStatus() {
        return lastStoreStatus;
    }

    /** What the session restore at construction dropped or imported, and why (all zero without storage). */
    public RestoreReport restoreReport() {
        return store == null ? NO_RESTORE : store.report();
    }

    /** Whether the session store is writing a checkpoint now (see {@link SessionStore#checkpointing}). */
    public boolean savingCheckpoint() {
        return store != null && store.checkpointing();
    }

    public Counters counters() {
        counters.dropped = offlineQueue.droppedCount();
        counters.expired = offlineQueue.expiredCount();
        counters.republished = outgoing.republishedCount();
        counters.incomingTableFull = session.incoming().fullRefusals();
        counters.incomingHighWater = session.incoming().highWater();
        if (store != null) {
            counters.storeErases = store.erases();
            counters.storeBytesProgrammed = store.bytesProgrammed();
        }
        return counters;
    }

    /**
     * {@link Session#APPLICATION_DATA_LENGTH} bytes the application keeps in the session, to read
     * and change in place: restored from storage by the constructor and saved with every save, so
     * a change made just before {@link #publish} is stored in the same write as the message (a
     * reading's sequence number, say). Survives clean-session connects; cleared only with a
     * corrupt or empty store.
     */
    public byte[] applicationData() {
        return session.applicationData();
    }

    /** Unacknowledged QoS 1/2 messages, SUBSCRIBE and UNSUBSCRIBE packets. */
    public int inflight() {
        return outgoing.size();
    }

    /** Messages waiting in the offline queue. */
    public int queued() {
        return offlineQueue.count();
    }

    public int subscriptionCount() {
        return subscriptions.count();
    }

    /** The QoS the broker granted subscription {@code index}: 0..2, 0x80 for failure, -1 before its SUBACK. */
    public int grantedQos(int index) {
        return subscriptions.grantedQos(index);
    }

    public int requestedQos(int index) {
        return subscriptions.requestedQos(index);
    }

    // ------------------------------------------------------------------ connecting

    private int continueConnecting() {
        int result = transport.connect();
        if (result == Transport.CONNECTED) {
            return onTransportUp();
        }
        if (result < 0) {
            connectionLost(ClientStatus.TRANSPORT_FAILED);
            return 1;
        }
        if (Millis.isDue(connackDeadline, now)) {
            connectionLost(ClientStatus.CONNACK_TIMEOUT);
            return 1;
        }
        return 0;
    }

    private int onTransportUp() {
        resetConnection();
        if (config.cleanSession) {
            discardSession();
        }
        int length = ConnectCodec.encode(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), connectParameters);
        if (length < 0) {
            throw new IllegalStateException("CONNECT does not encode: status=" + length);
        }
        commitSent(PacketType.CONNECT, 0, 0, false, length);
        state = STATE_CONNACK_PENDING;
        connackDeadline = now + config.connectTimeoutMillis;
        return 1;
    }

    /** Clean session: the standard discards the session state at connect; tell the application what went. */
    private void discardSession() {
        while (outgoing.size() > 0) {
            int slot = outgoing.slotInSendOrder(0);
            int id = outgoing.packetId(slot);
            int recordState = outgoing.state(slot);
            boolean isPublish = QosStates.holdsPublish(recordState) || QosStates.isPubrelPhase(recordState);
            outgoing.release(slot);
            if (isPublish) {
                counters.discarded++;
                listener.onPublishComplete(id, ClientStatus.DISCARDED_BY_CLEAN_SESSION);
            }
        }
        session.incoming().clear();
        lazyChanges = true;
    }

    private void onConnack() {
        if (state != STATE_CONNACK_PENDING) {
            connectionLost(ClientStatus.UNEXPECTED_PACKET);
            return;
        }
        int refusal = v5 ? connackRefusal5(packet.reasonCode()) : connackRefusal(packet.returnCode());
        if (refusal != ClientStatus.OK) {
            connectionLost(refusal);
            return;
        }
        int upStatus = ClientStatus.OK;
        int assignedIdChanges = session.assignedClientId().changes();
        if (v5) {
            serverLimits.read(packet, properties);
            outgoingAliases.reset(serverLimits.topicAliasMaximum);
            if (serverLimits.assignedClientIdLength >= 0) {
                upStatus = keepAssignedId();
            }
        }
        boolean newAssignedId = assignedIdChanges != session.assignedClientId().changes();
        boolean sessionPresent = packet.sessionPresent();
        if (sessionPresent && config.cleanSession) {
            // [MQTT-3.2.2-1]: with CleanSession=1 the server must answer session present 0
            connectionLost(ClientStatus.UNEXPECTED_PACKET);
            return;
        }
        boolean clearedIncomingIds = false;
        if (sessionPresent) {
            applyToAllRecords(QosEvents.SESSION_RESUMED);
        } else {
            // the broker has no session: it holds no PUBREL state and no subscriptions of ours
            applyToAllRecords(QosEvents.SESSION_LOST);
            clearedIncomingIds = session.incoming().size() > 0;
            session.incoming().clear();
            for (int i = 0; i < subscriptions.count(); i++) {
                subscriptions.grant(i, Subscriptions.NOT_GRANTED);
            }
            lazyChanges = true;
        }
        if ((clearedIncomingIds || newAssignedId) && !config.cleanSession && save() < 0) {
            // a stale id left in flash would swallow a new message of the broker's new session; an
            // assigned client id lost in a reboot would lose the persistent session kept under it
            closeUntilStored();
            return;
        }
        state = STATE_CONNECTED;
        backoff.reset();
        if (everConnected) {
            counters.reconnects++;
        }
        everConnected = true;
        resubscribeUngranted();
        listener.onConnectionChanged(true, sessionPresent, upStatus);
    }

    /**
     * Keeps the CONNACK's Assigned Client Identifier in the session, for every later CONNECT (the
     * broker finds the session under it, after a reboot too): OK, or CLIENT_ASSIGNED_ID_TOO_LONG
     * with the session as it was. A new id is stored before the connection is used when the
     * session is persistent (onConnack), else with the next save.
     */
    private int keepAssignedId() {
        AssignedClientId assigned = session.assignedClientId();
        if (assigned.set(packet.buffer(), serverLimits.assignedClientIdOffset, serverLimits.assignedClientIdLength) < 0) {
            return ClientStatus.CLIENT_ASSIGNED_ID_TOO_LONG;
        }
        connectWithAssignedId();
        lazyChanges = true;
        return ClientStatus.OK;
    }

    private static int connackRefusal5(int reasonCode) {
        return ReasonCode.isFailure(reasonCode) ? ClientStatus.connackRefused(reasonCode) : ClientStatus.OK;
    }

    private static int connackRefusal(int returnCode) {
        switch (returnCode) {
            case 0: return ClientStatus.OK;
            case 1: return ClientStatus.REFUSED_PROTOCOL_VERSION;
            case 2: return ClientStatus.REFUSED_IDENTIFIER;
            case 3: return ClientStatus.REFUSED_SERVER_UNAVAILABLE;
            case 4: return ClientStatus.REFUSED_BAD_CREDENTIALS;
            default: return ClientStatus.REFUSED_NOT_AUTHORIZED;
        }
    }

    /**
     * Subscribes again every filter with no SUBACK yet and no SUBSCRIBE on its way. One that finds
     * the outgoing table full is tried again on a later poll ({@link #resubscribePending}).
     */
    private int resubscribeUngranted() {
        int added = 0;
        resubscribePending = false;
        for (int i = 0; i < subscriptions.count(); i++) {
            if (subscriptions.grantedQos(i) == Subscriptions.NOT_GRANTED && !subscribeOnItsWay(i)) {
                if (addSubscribeRecord(i) < 0) {
                    resubscribePending = true;
                } else {
                    added++;
                }
            }
        }
        return added;
    }

    private boolean subscribeOnItsWay(int index) {
        int slot = outgoing.find(subscriptions.packetId(index));
        return slot >= 0 && (outgoing.state(slot) == QosStates.SUBSCRIBE_SEND
                || outgoing.state(slot) == QosStates.SUBACK_PENDING);
    }

    private void connectionLost(int status) {
        transport.close();
        resetConnection();
        applyToAllRecords(QosEvents.CONNECTION_LOST);
        epoch++;
        counters.connectionsLost++;
        lastStatus = status;
        boolean wasConnected = state == STATE_CONNECTED;
        state = ClientStatus.retryCanHelp(status) ? STATE_WAITING : STATE_STOPPED;
        nextAttemptAt = now + backoff.nextDelayMillis();
        if (wasConnected || status != ClientStatus.TRANSPORT_FAILED) {
            listener.onConnectionChanged(false, false, status);
        }
    }

    private void resetConnection() {
        serverLimits.reset();
        outgoingAliases.reset(0); // aliases live as long as one connection [MQTT-3.3.2-7]
        incomingAliases.reset();
        holdingBack = false;
        sendBuffer.clear();
        receiveLength = 0;
        pingOutstanding = false;
    }

    // ------------------------------------------------------------------ receiving

    private int receive() {
        int work = 0;
        for (int round = 0; round < READS_PER_POLL; round++) {
            boolean drained = false;
            if (receiveLength < receiveBuffer.length) {
                int room = receiveBuffer.length - receiveLength;
                int read = transport.read(receiveBuffer, receiveLength, room);
                if (read < 0) {
                    connectionLost(read == Transport.CLOSED ? ClientStatus.CLOSED_BY_BROKER : ClientStatus.TRANSPORT_FAILED);
                    return work + 1;
                }
                if (read == 0 && work > 0) {
                    return work;
                }
                receiveLength += read;
                // less than the room: the link had no more just now, and asking again costs a
                // system call that finds nothing (the next poll reads what comes meanwhile)
                drained = read < room;
            }
            int handled = handleReceived();
            if (handled < 0) {
                return work + 1;
            }
            work += handled;
            if (handled == 0 || drained) {
                return work;
            }
        }
        return work;
    }

    /** Decodes and handles every whole packet in the receive buffer: how many, or -1 if the connection ended. */
    private int handleReceived() {
        int position = 0;
        int handled = 0;
        while (position < receiveLength) {
            if (sendBuffer.room() < AckCodec.SIZE) {
                break; // no room for the acknowledgement: leave the packet until the transport drains
            }
            int length = decoder.decode(receiveBuffer, position, receiveLength - position, packet);
            if (length == CodecStatus.NEED_MORE_BYTES) {
                break;
            }
            if (length < 0) {
                closeForViolation(length, ReasonCode.forViolation(length));
                return -1;
            }
            trace.onPacket(false, packet.type(), packet.packetId(), packet.qos(), packet.dup(), length);
            handle();
            if (state != STATE_CONNECTED && state != STATE_CONNACK_PENDING || disconnectRequested) {
                return -1;
            }
            position += length;
            handled++;
        }
        if (position > 0) {
            System.arraycopy(receiveBuffer, position, receiveBuffer, 0, receiveLength - position);
            receiveLength -= position;
        }
        return handled;
    }

    private void handle() {
        int type = packet.type();
        if (type == PacketType.CONNACK) {
            onConnack();
            return;
        }
        if (state != STATE_CONNECTED) {
            // [MQTT-3.2.0-1]: the first packet from the server must be CONNACK
            connectionLost(ClientStatus.UNEXPECTED_PACKET);
            return;
        }
        switch (type) {
            case PacketType.PUBLISH:
                onPublish();
                return;
            case PacketType.PUBACK:
                onAcknowledgement(QosEvents.PUBACK_RECEIVED);
                return;
            case PacketType.PUBREC:
                onAcknowledgement(QosEvents.PUBREC_RECEIVED);
                return;
            case PacketType.PUBREL:
                onPubrel();
                return;
            case PacketType.PUBCOMP:
                onAcknowledgement(QosEvents.PUBCOMP_RECEIVED);
                return;
            case PacketType.SUBACK:
                onSuback();
                return;
            case PacketType.UNSUBACK:
                onUnsuback();
                return;
            case PacketType.PINGRESP:
                pingOutstanding = false;
                return;
            case PacketType.DISCONNECT:
                if (v5) {
                    connectionLost(ClientStatus.brokerDisconnect(packet.reasonCode()));
                    return;
                }
                connectionLost(ClientStatus.UNEXPECTED_PACKET);
                return;
            case PacketType.AUTH:
                // this client sends no Authentication Method, so the broker may not start an exchange [MQTT-4.12.0-6]
                closeForViolation(ClientStatus.violation(ReasonCode.PROTOCOL_ERROR), ReasonCode.PROTOCOL_ERROR);
                return;
            default:
                // CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT: only a client sends these
                connectionLost(ClientStatus.UNEXPECTED_PACKET);
        }
    }

    private void onPublish() {
        int qos = packet.qos();
        int id = packet.packetId();
        if (v5 && !resolveTopic()) {
            return;
        }
        if (qos == 0) {
            deliver();
            return;
        }
        if (holdingBack) {
            // a PUBLISH before this one went unacknowledged: acknowledging this one would deliver it
            // out of order, so it waits too, and the broker re-sends both after the reconnect
            counters.heldBack++;
            return;
        }
        if (qos == 1) {
            // acknowledge regardless of DUP: a QoS 1 receiver may deliver duplicates [MQTT-4.3.2-2]
            deliver();
            sendAck(PacketType.PUBACK, id);
            return;
        }
        int result = session.incoming().onEvent(id, QosEvents.QOS2_PUBLISH_RECEIVED);
        if (result == SessionStatus.SESSION_INCOMING_TABLE_FULL) {
            // No PUBREC for what could not be kept. Keep taking the PUBRELs that free the table, then
            // reconnect: an MQTT 3.1.1 broker re-sends an unacknowledged PUBLISH only then
            holdingBack = true;
            holdingBackSince = now;
            counters.heldBack++;
            return;
        }
        if (QosTransitions.action(result) == QosActions.STORE_DELIVER_SEND_PUBREC) {
            if (save() < 0) {
                // undelivered: a later save must not store the id, or the broker's re-send is swallowed
                session.incoming().release(id);
                closeUntilStored();
                return;
            }
            deliver();
        } else {
            counters.duplicatesSuppressed++;
        }
        sendAck(PacketType.PUBREC, id);
    }

    /**
     * MQTT 5: the topic of a PUBLISH that may name it by a Topic Alias (3.3.2.3.4); false when the
     * connection was closed for a bad alias (0 or above our Topic Alias Maximum: 0x94; an alias
     * never set: 0x82).
     */
    private boolean resolveTopic() {
        int status = incomingAliases.resolve(packet);
        if (status < 0) {
            closeForViolation(status, ClientStatus.reasonCode(status));
            return false;
        }
        return true;
    }

    private void deliver() {
        counters.delivered++;
        if (v5) {
            message.set(incomingAliases.topicBuffer(), incomingAliases.topicOffset(), incomingAliases.topicLength(),
                    receiveBuffer, packet.payloadOffset(), packet.payloadLength());
        } else {
            message.set(receiveBuffer, packet.topicOffset(), packet.topicLength(), receiveBuffer, packet.payloadOffset(),
                    packet.payloadLength());
        }
        message.flags(packet.qos(), packet.retain(), packet.dup(), packet.packetId());
        message.properties(packet.propertiesOffset(), packet.propertiesLength());
        listener.onMessage(message);
    }

    private void onPubrel() {
        int id = packet.packetId();
        int result = session.incoming().onEvent(id, QosEvents.PUBREL_RECEIVED);
        boolean released = QosTransitions.action(result) == QosActions.RELEASE_SEND_PUBCOMP;
        if (released && save() < 0) {
            // no PUBCOMP until the release is stored; the broker sends the PUBREL again after the reconnect
            closeUntilStored();
            return;
        }
        // MQTT 5: an id this client does not hold is answered 0x92 (a broker that sends PUBREL after a
        // failing PUBREC, as HiveMQ does, or one that lost track); 3.1.1 has no reason codes
        sendAck(PacketType.PUBCOMP, id, released ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
        if (released) {
            listener.onReceiveComplete(id);
        }
        if (holdingBack && session.incoming().size() == 0) {
            closeAfterFlush(ClientStatus.CLIENT_INCOMING_TABLE_FULL);
        }
    }

    /** Sends what waits (the acknowledgements of what was kept) before closing the connection. */
    private void closeAfterFlush(int status) {
        sendBuffer.flush(transport);
        connectionLost(status);
    }

    private void onAcknowledgement(int event) {
        int id = packet.packetId();
        int slot = outgoing.find(id);
        int recordState = slot < 0 ? QosStates.FREE : outgoing.state(slot);
        if (v5 && ReasonCode.isFailure(packet.reasonCode()) && slot >= 0 && awaitsThisAck(recordState, event)) {
            refusedByBroker(slot, id, packet.reasonCode());
            return;
        }
        int result = outgoing.onEvent(id, event);
        switch (QosTransitions.action(result)) {
            case QosActions.COMPLETE:
                lazyChanges = true;
                if (QosStates.holdsPublish(recordState) || QosStates.isPubrelPhase(recordState)) {
                    counters.acknowledged++;
                    listener.onPublishComplete(id, ClientStatus.OK);
                }
                return;
            case QosActions.SEND_PUBREL:
                if (slot < 0) {
                    // PUBREC for an id we do not hold: let the broker finish
                    sendAck(PacketType.PUBREL, id, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
                    return;
                }
                // the PUBREC is stored before the PUBREL leaves: after a reboot the PUBLISH is never re-sent
                if (save() < 0) {
                    closeUntilStored();
                    return;
                }
                sendPending();
                return;
            case QosActions.PROTOCOL_ERROR:
            case QosActions.ILLEGAL_EVENT:
                connectionLost(ClientStatus.ACK_OUT_OF_FLOW);
                return;
            default:
                // NONE: a late acknowledgement of an earlier copy, or of an id already complete
        }
    }

    /** PUBACK for a QoS 1 PUBLISH, PUBREC for a QoS 2 one: the acknowledgements that may carry a refusal. */
    private static boolean awaitsThisAck(int recordState, int event) {
        if (event == QosEvents.PUBACK_RECEIVED) {
            return recordState == QosStates.PUBACK_PENDING || recordState == QosStates.QOS1_PUBLISH_RESEND;
        }
        return event == QosEvents.PUBREC_RECEIVED
                && (recordState == QosStates.PUBREC_PENDING || recordState == QosStates.QOS2_PUBLISH_RESEND);
    }

    /**
     * An MQTT 5 PUBACK or PUBREC of 0x80 or more: the broker will not deliver the message. It is
     * complete with that reason (no PUBREL follows a failing PUBREC, 4.3.3), its slot and its place
     * in the send quota are free again [MQTT-4.9.0-3].
     */
    private void refusedByBroker(int slot, int id, int reasonCode) {
        outgoing.release(slot);
        lazyChanges = true;
        counters.refusedByBroker++;
        listener.onPublishComplete(id, ClientStatus.publishRefused(reasonCode));
    }

    private void onUnsuback() {
        int id = packet.packetId();
        int slot = outgoing.find(id);
        boolean ours = slot >= 0 && outgoing.state(slot) == QosStates.UNSUBACK_PENDING;
        onAcknowledgement(QosEvents.UNSUBACK_RECEIVED);
        if (ours && state == STATE_CONNECTED) {
            listener.onUnsubscribed(id, v5 && packet.returnCodeCount() > 0 ? packet.returnCode(0) : ReasonCode.SUCCESS);
        }
    }

    private void onSuback() {
        int id = packet.packetId();
        int result = outgoing.onEvent(id, QosEvents.SUBACK_RECEIVED);
        int action = QosTransitions.action(result);
        if (action == QosActions.PROTOCOL_ERROR || action == QosActions.ILLEGAL_EVENT) {
            connectionLost(ClientStatus.ACK_OUT_OF_FLOW);
            return;
        }
        if (action != QosActions.COMPLETE) {
            return;
        }
        if (packet.returnCodeCount() != 1) {
            // every SUBSCRIBE this engine sends has one filter [MQTT-3.9.3-1]
            connectionLost(ClientStatus.ACK_OUT_OF_FLOW);
            return;
        }
        int index = subscriptions.indexOfPacketId(id);
        if (index >= 0) {
            int granted = packet.returnCode(0);
            subscriptions.grant(index, granted);
            subscriptions.setPacketId(index, 0);
            listener.onSubscribed(id, index, granted);
        }
        lazyChanges = true;
    }

    // ------------------------------------------------------------------ sending

    /** Sends every record waiting to be sent, oldest first, while the send buffer has room. */
    private int sendPending() {
        int sent = 0;
        int quotaLeft = serverLimits.receiveMaximum - publishesUnacknowledged();
        for (int index = 0; index < outgoing.size(); index++) {
            int slot = outgoing.slotInSendOrder(index);
            int recordState = outgoing.state(slot);
            if (!QosStates.waitsToBeSent(recordState)) {
                continue;
            }
            if (isFirstSend(recordState)) {
                if (quotaLeft <= 0) {
                    // the send quota [MQTT-4.9.0-2]: it waits for an acknowledgement; so does every later PUBLISH
                    continue;
                }
                quotaLeft--;
            }
            int needed = QosStates.waitsToSendPubrel(recordState) ? AckCodec.SIZE
                    : outgoing.packetLength(slot) + (v5 ? ALIAS_GROWTH : 0);
            if (sendBuffer.room() < needed) {
                break; // keep the original order: nothing overtakes a record that did not fit
            }
            sendRecord(slot, recordState);
            sent++;
        }
        return sent;
    }

    /** A PUBLISH never sent on any connection: the only kind the send quota holds back. */
    private static boolean isFirstSend(int recordState) {
        return recordState == QosStates.QOS1_PUBLISH_SEND || recordState == QosStates.QOS2_PUBLISH_SEND;
    }

    /**
     * QoS 1 and 2 PUBLISH packets sent and not yet acknowledged by PUBACK, PUBCOMP or a failing PUBREC
     * (a QoS 2 message in its PUBREL phase still counts, 4.9), including those waiting to be sent again.
     */
    private int publishesUnacknowledged() {
        int count = 0;
        for (int index = 0; index < outgoing.size(); index++) {
            int recordState = outgoing.state(outgoing.slotInSendOrder(index));
            if ((QosStates.holdsPublish(recordState) && !isFirstSend(recordState)) || QosStates.isPubrelPhase(recordState)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Writes a record's stored packet into the send buffer: the stored bytes, or for an MQTT 5
     * PUBLISH whose topic has an alias on this connection, the same PUBLISH with the alias (and an
     * empty topic once the broker knows it). The stored packet keeps its topic: a re-send on a new
     * connection cannot rely on an alias [MQTT-3.3.2-7]. Returns the length written.
     */
    private int writeStoredPacket(int slot) {
        byte[] slab = outgoing.slab();
        int offset = outgoing.packetOffset(slot);
        int length = outgoing.packetLength(slot);
        int alias = v5 && ((slab[offset] >> 4) & 0x0F) == PacketType.PUBLISH ? aliasOfStoredPublish(slab, offset)
                : OutgoingTopicAliases.NO_ALIAS;
        if (alias != OutgoingTopicAliases.NO_ALIAS) {
            boolean known = outgoingAliases.isEstablished(alias);
            int written = AliasedPublish.encode(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), slab, offset,
                    length, alias, !known);
            if (written > 0) {
                outgoingAliases.established(alias);
                return written;
            }
        }
        System.arraycopy(slab, offset, sendBuffer.bytes(), sendBuffer.end(), length);
        return length;
    }

    /** The alias for the topic of the PUBLISH stored at {@code slab[offset]}, or NO_ALIAS. */
    private int aliasOfStoredPublish(byte[] slab, int offset) {
        int remaining = RemainingLength.read(slab, offset + 1, RemainingLength.MAX_BYTES); // a stored packet is whole
        int at = offset + 1 + RemainingLength.size(remaining);
        return outgoingAliases.aliasFor(slab, at + Uint16.SIZE, Uint16.read(slab, at));
    }

    private void sendRecord(int slot, int recordState) {
        int id = outgoing.packetId(slot);
        int event;
        if (QosStates.waitsToSendPubrel(recordState)) {
            int length = AckCodec.encodePubrel(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), id);
            commitSent(PacketType.PUBREL, id, 0, false, length);
            event = QosEvents.PUBREL_SENT;
            if (recordState == QosStates.PUBREL_RESEND) {
                counters.resent++;
            }
        } else {
            byte[] bytes = sendBuffer.bytes();
            int at = sendBuffer.end();
            int length = writeStoredPacket(slot);
            int type = (bytes[at] >> 4) & 0x0F;
            boolean dup = false;
            if (type == PacketType.PUBLISH) {
                dup = recordState == QosStates.QOS1_PUBLISH_RESEND || recordState == QosStates.QOS2_PUBLISH_RESEND;
                // DUP=1 only on a re-send of a PUBLISH the broker may have seen [MQTT-3.3.1-1]
                bytes[at] = (byte) (dup ? bytes[at] | 0x08 : bytes[at] & ~0x08);
                if (dup) {
                    counters.resent++;
                } else {
                    counters.published++;
                }
                event = QosEvents.PUBLISH_SENT;
            } else if (type == PacketType.SUBSCRIBE) {
                event = QosEvents.SUBSCRIBE_SENT;
            } else {
                event = QosEvents.UNSUBSCRIBE_SENT;
            }
            commitSent(type, id, outgoing.qos(slot), dup, length);
        }
        int result = outgoing.transition(slot, event);
        if (QosTransitions.action(result) == QosActions.AWAIT_ACK) {
            outgoing.setDeadline(slot, now + config.ackTimeoutMillis);
            outgoing.setEpoch(slot, epoch);
        }
    }

    private boolean recordsWaitingToSend() {
        for (int index = 0; index < outgoing.size(); index++) {
            if (QosStates.waitsToBeSent(outgoing.state(outgoing.slotInSendOrder(index)))) {
                return true;
            }
        }
        return false;
    }

    /** Acknowledgement timeouts: re-send on the timer, or close and re-send after reconnecting. */
    private int checkAckDeadlines() {
        int work = 0;
        int event = config.resendMode == MqttConfig.RESEND_ON_TIMER
                ? QosEvents.ACK_TIMEOUT_RESEND : QosEvents.ACK_TIMEOUT_RECONNECT;
        for (int index = 0; index < outgoing.size(); index++) {
            int slot = outgoing.slotInSendOrder(index);
            if (!QosStates.awaitsAck(outgoing.state(slot)) || !Millis.isDue(outgoing.deadline(slot), now)) {
                continue;
            }
            int result = outgoing.transition(slot, event);
            if (QosTransitions.action(result) == QosActions.CLOSE_CONNECTION) {
                connectionLost(ClientStatus.ACK_TIMEOUT);
                return work + 1;
            }
            work++;
        }
        if (work > 0) {
            sendPending();
        }
        return work;
    }

    private int keepAlive() {
        int seconds = serverLimits.serverKeepAlive >= 0 ? serverLimits.serverKeepAlive : config.keepAliveSeconds;
        if (seconds == 0) {
            return 0;
        }
        int interval = seconds * 1000;
        if (pingOutstanding) {
            if (Millis.isDue(pingDeadline, now)) {
                connectionLost(ClientStatus.PING_TIMEOUT);
                return 1;
            }
            return 0;
        }
        if (!Millis.isDue(lastSentAt + interval, now) || sendBuffer.room() < EmptyPacketCodec.SIZE) {
            return 0;
        }
        int length = EmptyPacketCodec.encodePingreq(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room());
        commitSent(PacketType.PINGREQ, 0, 0, false, length);
        pingOutstanding = true;
        pingDeadline = now + config.pingTimeoutMillis;
        return 1;
    }

    private int sendQos0(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                         int payloadLength, boolean retain, long expirySeconds) {
        int alias = v5 ? outgoingAliases.aliasFor(topic, topicOffset, topicLength) : OutgoingTopicAliases.NO_ALIAS;
        int length = encodePublish(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), 0, retain, 0,
                topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, expirySeconds, alias);
        if (length > 0 && alias != OutgoingTopicAliases.NO_ALIAS) {
            outgoingAliases.established(alias);
        }
        if (length == CodecStatus.INSUFFICIENT_CAPACITY) {
            return ClientStatus.SEND_BUFFER_FULL;
        }
        if (length < 0) {
            return length;
        }
        counters.published++;
        commitSent(PacketType.PUBLISH, 0, 0, false, length);
        return ClientStatus.OK;
    }

    /** A new QoS 1/2 record waiting to be sent: its packet id, or a failure status. */
    private int addPublishRecord(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                                 int payloadLength, int qos, boolean retain, long expirySeconds) {
        int slot = reserveRecord(qos, qos == 1 ? QosStates.QOS1_PUBLISH_SEND : QosStates.QOS2_PUBLISH_SEND,
                (int) packetSize(publishRemainingLength(topicLength, payloadLength, qos, expirySeconds)));
        if (slot < 0) {
            return slot;
        }
        // stored with its topic and no alias: the alias is added when it is sent (writeStoredPacket)
        return completeRecord(slot, encodePublish(outgoing.slab(), outgoing.packetOffset(slot),
                outgoing.packetLength(slot), qos, retain, outgoing.packetId(slot), topic, topicOffset, topicLength,
                payload, payloadOffset, payloadLength, expirySeconds, OutgoingTopicAliases.NO_ALIAS));
    }

    /**
     * A PUBLISH in this client's protocol version, DUP=0. MQTT 5: with the Message Expiry Interval
     * (0: none) and the Topic Alias (NO_ALIAS: none; with an empty topic once the broker knows it).
     */
    private int encodePublish(byte[] destination, int at, int capacity, int qos, boolean retain, int packetId,
                              byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                              int payloadLength, long expirySeconds, int alias) {
        if (v5) {
            publishProperties.wrap(publishPropertyBytes, 0, publishPropertyBytes.length, PacketType.PUBLISH);
            if (expirySeconds > 0) {
                publishProperties.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, expirySeconds);
            }
            boolean known = false;
            if (alias != OutgoingTopicAliases.NO_ALIAS) {
                known = outgoingAliases.isEstablished(alias);
                publishProperties.addInt16(PropertyId.TOPIC_ALIAS, alias);
            }
            return PublishCodec.encode5(destination, at, capacity, qos, false, retain, packetId, topic, topicOffset,
                    known ? 0 : topicLength, publishPropertyBytes, 0, publishProperties.length(), payload, payloadOffset,
                    payloadLength);
        }
        return PublishCodec.encode(destination, at, capacity, qos, false, retain, packetId, topic, topicOffset,
                topicLength, payload, payloadOffset, payloadLength);
    }

    private int addSubscribeRecord(int index) {
        int filterLength = subscriptions.lengths()[index];
        int slot = reserveRecord(subscriptions.requestedQos(index), QosStates.SUBSCRIBE_SEND,
                (int) packetSize(subscribeRemainingLength(filterLength)));
        if (slot < 0) {
            return slot;
        }
        oneFilterOffset[0] = subscriptions.offsets()[index];
        oneFilterLength[0] = subscriptions.lengths()[index];
        int id;
        if (v5) {
            oneFilterQos[0] = subscriptions.options(index);
            id = completeRecord(slot, SubscribeCodec.encodeSubscribe5(outgoing.slab(), outgoing.packetOffset(slot),
                    outgoing.packetLength(slot), outgoing.packetId(slot), null, 0, 0, subscriptions.filterBytes(),
                    oneFilterOffset, oneFilterLength, oneFilterQos, 1));
        } else {
            oneFilterQos[0] = subscriptions.requestedQos(index);
            id = completeRecord(slot, SubscribeCodec.encodeSubscribe(outgoing.slab(), outgoing.packetOffset(slot),
                    outgoing.packetLength(slot), outgoing.packetId(slot), subscriptions.filterBytes(), oneFilterOffset,
                    oneFilterLength, oneFilterQos, 1));
        }
        if (id > 0) {
            subscriptions.setPacketId(index, id);
        }
        return id;
    }

    /**
     * A fresh packet id, an outgoing slot and {@code packetSize} pool bytes for a new record: the
     * slot, or why there is none (OUTGOING_TABLE_FULL also when the pool has too few free bytes).
     */
    private int reserveRecord(int qos, int recordState, int packetSize) {
        int id = session.packetIds().allocate();
        if (id < 0) {
            return ClientStatus.OUTGOING_TABLE_FULL;
        }
        int slot = outgoing.reserve(id, qos, recordState, epoch, packetSize);
        if (slot == SessionStatus.TABLE_FULL) {
            return ClientStatus.OUTGOING_TABLE_FULL;
        }
        return slot == SessionStatus.SESSION_PACKET_TOO_LARGE ? ClientStatus.CLIENT_PACKET_TOO_LARGE : slot;
    }

    /** Keeps the packet just encoded into the slot, or frees the slot when encoding failed: the id, or the status. */
    private int completeRecord(int slot, int encodedLength) {
        if (encodedLength < 0) {
            outgoing.release(slot);
            return encodedLength;
        }
        return outgoing.packetId(slot);
    }

    /** Bytes of a packet with this Remaining Length, fixed header included. */
    private static long packetSize(long remainingLength) {
        return 1 + RemainingLength.size((int) Math.min(remainingLength, RemainingLength.MAX_VALUE)) + remainingLength;
    }

    /** Remaining Length of a SUBSCRIBE of one filter. */
    private long subscribeRemainingLength(int filterLength) {
        return SubscribeCodec.PACKET_ID_SIZE + propertyLengthSize() + Uint16.SIZE + (long) filterLength + 1;
    }

    /** Remaining Length of a PUBLISH this client stores (MQTT 5: its properties, the expiry only). */
    private long publishRemainingLength(int topicLength, int payloadLength, int qos, long expirySeconds) {
        return PublishCodec.remainingLength(topicLength, payloadLength, qos) + propertyLengthSize()
                + (v5 && expirySeconds > 0 ? EXPIRY_PROPERTY_LENGTH : 0);
    }

    /** The bytes of an empty property block: its Property Length, 0, in MQTT 5; nothing in 3.1.1. */
    private int propertyLengthSize() {
        return v5 ? 1 : 0;
    }

    /**
     * What the broker's CONNACK allows a publish of this QoS, retain flag and size (MQTT 5): OK, or
     * CLIENT_QOS_NOT_SUPPORTED [MQTT-3.2.2-11], CLIENT_RETAIN_NOT_SUPPORTED [MQTT-3.2.2-14],
     * CLIENT_PACKET_TOO_LARGE [MQTT-3.1.2-24].
     */
    private int allowedByServer(int qos, boolean retain, long size) {
        if (qos > serverLimits.maximumQos) {
            return ClientStatus.CLIENT_QOS_NOT_SUPPORTED;
        }
        if (retain && !serverLimits.retainAvailable) {
            return ClientStatus.CLIENT_RETAIN_NOT_SUPPORTED;
        }
        // a Topic Alias may be added when it is sent: counted here, so the broker never gets a packet above its maximum
        long sent = size + (outgoingAliases.assignedCapacity() > 0 ? ALIAS_GROWTH : 0);
        return sent > serverLimits.maximumPacketSize ? ClientStatus.CLIENT_PACKET_TOO_LARGE : ClientStatus.OK;
    }

    // ------------------------------------------------------------------ the offline queue

    private int enqueue(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                       int payloadLength, int qos, boolean retain, long expirySeconds) {
        int status = offlineQueue.push(qos, retain, topic, topicOffset, topicLength, payload, payloadOffset,
                payloadLength, expirySeconds, now);
        if (status < 0) {
            return refuse(status == SessionStatus.SESSION_OFFLINE_QUEUE_FULL ? ClientStatus.CLIENT_OFFLINE_QUEUE_FULL : status);
        }
        if (qos == 0) {
            lazyChanges = true;
            return ClientStatus.QUEUED;
        }
        if (save() < 0) {
            // refused, so it must not go out later either: take it back out of the queue
            offlineQueue.removeNewest();
            return refuse(ClientStatus.STORAGE_FAILED);
        }
        return ClientStatus.QUEUED;
    }

    /**
     * Moves queued messages into flight, oldest first, while there is room. QoS 1/2 messages moved
     * into the table, and QoS 0 messages taken off the queue, are stored before any of them is sent.
     */
    private int drainOfflineQueue() {
        if (offlineQueue.dropExpired(now) > 0) {
            lazyChanges = true; // an expired message may be sent after a reboot as little as a QoS 0 one
        }
        int moved = 0;
        boolean movedUnsaved = false;
        while (!offlineQueue.isEmpty()) {
            int qos = offlineQueue.peekQos();
            if (qos == 0) {
                if (movedUnsaved && !saveBeforeSending()) {
                    return moved;
                }
                movedUnsaved = false;
                sendPending(); // the messages moved before this one go into the send buffer first
                if (recordsWaitingToSend()) {
                    break; // a QoS 0 message never overtakes an older one still waiting for room
                }
                if (sendQueuedQos0() < 0) {
                    break; // no room now: it stays queued
                }
                movedUnsaved = true; // its removal from the queue is stored before it leaves: at most once
            } else if (moveQueuedIntoFlight() < 0) {
                break;
            } else {
                movedUnsaved = true;
            }
            offlineQueue.pop();
            moved++;
        }
        if (movedUnsaved && !saveBeforeSending()) {
            return moved;
        }
        if (moved > 0) {
            sendPending();
        }
        return moved;
    }

    /** The oldest queued QoS 0 message into the send buffer: OK, or SEND_BUFFER_FULL. */
    private int sendQueuedQos0() {
        int size = queuedPacketSize();
        if (sendBuffer.room() < size) {
            return ClientStatus.SEND_BUFFER_FULL;
        }
        int length = encodeQueuedPublish(sendBuffer.bytes(), sendBuffer.end(), size, 0);
        if (length < 0) {
            return length;
        }
        counters.published++;
        commitSent(PacketType.PUBLISH, 0, 0, false, length);
        return ClientStatus.OK;
    }

    /** The oldest queued QoS 1/2 message into a new outgoing record: its packet id, or why not. */
    private int moveQueuedIntoFlight() {
        int qos = offlineQueue.peekQos();
        int slot = reserveRecord(qos, qos == 1 ? QosStates.QOS1_PUBLISH_SEND : QosStates.QOS2_PUBLISH_SEND,
                queuedPacketSize());
        if (slot < 0) {
            return slot;
        }
        return completeRecord(slot, encodeQueuedPublish(outgoing.slab(), outgoing.packetOffset(slot),
                outgoing.packetLength(slot), outgoing.packetId(slot)));
    }

    private int queuedPacketSize() {
        return (int) packetSize(publishRemainingLength(offlineQueue.peekTopicLength(),
                offlineQueue.peekPayloadLength(), offlineQueue.peekQos(), queuedExpirySeconds()));
    }

    /**
     * Encodes the oldest queued message as a PUBLISH of exactly {@code size} bytes at {@code at},
     * with no copy buffer: its topic and payload are first copied from the queue to where the
     * PUBLISH holds them, then the encoder writes the header around them (copying each onto itself).
     */
    private int encodeQueuedPublish(byte[] destination, int at, int size, int packetId) {
        int qos = offlineQueue.peekQos();
        int topicLength = offlineQueue.peekTopicLength();
        int payloadLength = offlineQueue.peekPayloadLength();
        long expiry = queuedExpirySeconds();
        int remaining = (int) publishRemainingLength(topicLength, payloadLength, qos, expiry);
        int topicAt = at + 1 + RemainingLength.size(remaining) + Uint16.SIZE;
        int payloadAt = topicAt + topicLength + (qos > 0 ? Uint16.SIZE : 0) + propertyLengthSize()
                + (v5 && expiry > 0 ? EXPIRY_PROPERTY_LENGTH : 0);
        offlineQueue.copyPeekTopic(destination, topicAt);
        offlineQueue.copyPeekPayload(destination, payloadAt);
        return encodePublish(destination, at, size, qos, offlineQueue.peekRetain(), packetId,
                destination, topicAt, topicLength, destination, payloadAt, payloadLength, expiry,
                OutgoingTopicAliases.NO_ALIAS);
    }

    /** What is left of the oldest queued message's Message Expiry Interval (0: none); dropExpired ran before. */
    private long queuedExpirySeconds() {
        long left = offlineQueue.peekExpirySeconds(now);
        return left > 0 ? left : 0;
    }

    /** A DURABLE save before sending what depends on it: true when stored; false when the connection was closed instead. */
    private boolean saveBeforeSending() {
        if (save() < 0) {
            closeUntilStored();
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ helpers

    private void commitSent(int type, int packetId, int qos, boolean dup, int length) {
        sendBuffer.commit(length);
        trace.onPacket(true, type, packetId, qos, dup, length);
    }

    private void sendAck(int type, int packetId) {
        int length = AckCodec.encode(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), type, packetId);
        commitSent(type, packetId, 0, false, length);
    }

    /**
     * An acknowledgement with an MQTT 5 Reason Code: the short 4-byte form for success (the same
     * bytes as 3.1.1), the code without properties otherwise; 3.1.1 has no reason codes.
     */
    private void sendAck(int type, int packetId, int reasonCode) {
        if (!v5 || reasonCode == ReasonCode.SUCCESS) {
            sendAck(type, packetId);
            return;
        }
        int length = AckCodec.encode5(sendBuffer.bytes(), sendBuffer.end(), sendBuffer.room(), type, packetId, reasonCode,
                null, 0, 0);
        if (length > 0) {
            commitSent(type, packetId, 0, false, length);
        }
    }

    /**
     * The broker broke a rule: in MQTT 5 a DISCONNECT with {@code reasonCode} goes first (4.13),
     * then the connection closes with {@code status}.
     */
    private void closeForViolation(int status, int reasonCode) {
        if (v5) {
            sendDisconnect(reasonCode);
        }
        connectionLost(status);
    }

    private int flush() {
        int written = sendBuffer.flush(transport);
        if (written < 0) {
            connectionLost(ClientStatus.TRANSPORT_FAILED);
            return 1;
        }
        if (written > 0) {
            lastSentAt = now;
            return 1;
        }
        return 0;
    }

    /** Applies a connection event to every outgoing record, in send order, telling the application of failures. */
    private void applyToAllRecords(int event) {
        int index = 0;
        while (index < outgoing.size()) {
            int slot = outgoing.slotInSendOrder(index);
            int id = outgoing.packetId(slot);
            int result = outgoing.transition(slot, event);
            int action = QosTransitions.action(result);
            if (action == QosActions.COMPLETE) {
                counters.acknowledged++;
                listener.onPublishComplete(id, ClientStatus.OK);
            } else if (action == QosActions.FAIL_REQUEST) {
                // a SUBSCRIBE whose SUBACK never came: subscribed again at the next CONNACK
                int subscription = subscriptions.indexOfPacketId(id);
                if (subscription >= 0) {
                    subscriptions.setPacketId(subscription, 0);
                }
            }
            if (QosTransitions.nextState(result) != QosStates.FREE) {
                index++;
            }
        }
    }

    /**
     * Saves the whole RAM session: OK, or a negative status: the store's (counted), or
     * STORAGE_ERROR without trying while backing off after a failure (so a board retrying a
     * refused publish() every loop does not hammer failing flash).
     */
    private int save() {
        if (store == null) {
            return SessionStatus.OK;
        }
        if (inSaveBackoff()) {
            return SessionStatus.STORAGE_ERROR;
        }
        int status = store.save(session);
        lastStoreStatus = status;
        if (status < 0) {
            counters.storageFailures++;
            nextSaveAt = now + storeBackoff.nextDelayMillis();
            return status;
        }
        storePending = false;
        lazyChanges = false;
        storeBackoff.reset();
        return status;
    }

    /** The last save the store was asked for failed and its backoff has not passed. */
    private boolean inSaveBackoff() {
        return lastStoreStatus < 0 && !Millis.isDue(nextSaveAt, now);
    }

    /** A DURABLE save failed for a broker-driven step: close, and connect again only once a save succeeds. */
    private void closeUntilStored() {
        storePending = true;
        connectionLost(ClientStatus.STORAGE_FAILED);
    }

    /** An idle poll saves the LAZY changes, backing off while saves fail: 1 if it tried, else 0. */
    private int saveLazyChanges() {
        if (!lazyChanges || store == null || storePending || inSaveBackoff()) {
            return 0;
        }
        save();
        return 1;
    }

    private int refuse(int status) {
        counters.refused++;
        return status;
    }
}
