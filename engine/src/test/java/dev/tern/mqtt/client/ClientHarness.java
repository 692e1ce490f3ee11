package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;

/**
 * One engine on a {@link ScriptedBroker} with a {@link ManualClock}: no network, no sleeping.
 * Small, fixed sizes so that tables fill quickly and delays are whole numbers (no jitter).
 */
final class ClientHarness {

    static final long START = 1_000_000L;
    private final boolean v5;

    final MqttConfig config;
    final ScriptedBroker broker;
    final RecordingListener listener = new RecordingListener();
    final RecordingTrace trace = new RecordingTrace();
    final ManualClock clock = new ManualClock(START);
    final NonVolatileStorage storage;
    final MqttClient client;

    ClientHarness(MqttConfig config) {
        this(config, null);
    }

    ClientHarness(MqttConfig config, NonVolatileStorage storage) {
        this.config = config;
        this.storage = storage;
        broker = new ScriptedBroker(config.protocolVersion);
        v5 = config.isV5();
        client = new MqttClient(config, broker, storage, listener, trace);
    }

    /** A persistent-session client "tern-1", 4 outgoing and 4 incoming slots, 256-byte packets. */
    static MqttConfig config() {
        MqttConfig config = new MqttConfig();
        config.clientId = bytes("tern-1");
        config.cleanSession = false;
        config.keepAliveSeconds = 60;
        config.outgoingSlots = 4;
        config.incomingQos2Slots = 4;
        config.maxPacketSize = 256;
        config.offlineQueueBytes = 256;
        config.maxSubscriptions = 4;
        config.subscriptionFilterBytes = 64;
        config.ackTimeoutMillis = 5_000;
        config.connectTimeoutMillis = 3_000;
        config.reconnectMinMillis = 1_000;
        config.reconnectMaxMillis = 8_000;
        config.reconnectJitterPercent = 0;
        return config;
    }

    /** Flash large enough for {@link #config()}'s session journal: 8 units of 1 KB. */
    static FlashFake flash() {
        return new FlashFake(8, 1024);
    }

    /** What a board rebooting now would find in flash: {@link #config()}'s session restored from a copy of the cells. */
    static Session storedSession(FlashFake flash) {
        FlashFake copy = flash();
        System.arraycopy(flash.cells(), 0, copy.cells(), 0, flash.cells().length);
        Session session = new Session(4, 256, 4, 256, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, new SessionStore(copy).restore(session), "stored session");
        return session;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    long now() {
        return clock.now();
    }

    int poll() {
        return client.poll(clock.now());
    }

    /** Moves the clock on and polls once. */
    int advance(long millis) {
        clock.advance(millis);
        return poll();
    }

    /** Starts, takes the CONNECT, answers CONNACK accepted; the client is connected after it. */
    ClientHarness connect(boolean sessionPresent) {
        client.start(clock.now());
        poll();
        assertEquals(PacketType.CONNECT, broker.last().type(), "CONNECT expected");
        acceptConnect(sessionPresent);
        return this;
    }

    /** The CONNECT was just written: answer CONNACK accepted and poll. */
    void acceptConnect(boolean sessionPresent) {
        broker.send(v5 ? Packets5.connack(sessionPresent, 0) : Packets.connack(sessionPresent, 0));
        poll();
        assertTrue(client.isConnected(), () -> "not connected: " + ClientStatus.name(client.lastStatus()));
    }

    /** After a lost connection: waits out the reconnect delay (no jitter: reconnectMinMillis), then accepts. */
    void reconnect(boolean sessionPresent) {
        int connections = broker.connections;
        for (int i = 0; i < 100_000 && broker.connections == connections; i++) {
            advance(1);
        }
        assertEquals(connections + 1, broker.connections, "no reconnect");
        assertEquals(PacketType.CONNECT, broker.last().type(), "CONNECT expected");
        acceptConnect(sessionPresent);
    }

    int publish(String topic, String payload, int qos) {
        byte[] t = bytes(topic);
        byte[] p = bytes(payload);
        return client.publish(t, 0, t.length, p, 0, p.length, qos, false);
    }

    int subscribe(String filter, int qos) {
        byte[] f = bytes(filter);
        return client.subscribe(f, 0, f.length, qos);
    }

    int unsubscribe(String filter) {
        byte[] f = bytes(filter);
        return client.unsubscribe(f, 0, f.length);
    }

    /** Broker bytes, then one poll. */
    void receive(byte[]... packets) {
        broker.send(packets);
        poll();
    }
}
