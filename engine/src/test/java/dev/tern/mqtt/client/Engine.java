package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.socket.SocketTransport;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.testsupport.BrokerKind;

/**
 * One Tern engine on a socket to a broker (the library's java.net {@link SocketTransport}), driven
 * from the test's thread the way a board's main loop drives it: poll with the current time, over
 * and over, for a bounded time.
 */
final class Engine implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 2000;
    /** A read with nothing to read waits this long: short, as a board's poll loop would set it. */
    static final int READ_TIMEOUT_MILLIS = 1;

    final MqttConfig config;
    final SocketTransport transport;
    final RecordingListener listener = new RecordingListener();
    final RecordingTrace trace = new RecordingTrace();
    final MqttClient client;

    Engine(String host, int port, MqttConfig config, NonVolatileStorage storage) {
        this.config = config;
        this.transport = new SocketTransport(host, port, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        this.client = new MqttClient(config, transport, storage, listener, trace);
    }

    /** Every broker the proofs run against, each in both protocol versions: (BrokerKind, protocol level). */
    static Stream<Arguments> brokersAndVersions() {
        return Stream.of(BrokerKind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, ProtocolLevel.V3_1_1), Arguments.of(kind, ProtocolLevel.V5)));
    }

    static MqttConfig config(String clientId, boolean cleanSession) {
        return config(clientId, cleanSession, ProtocolLevel.V3_1_1);
    }

    /** A client of {@code protocolVersion}; its id says the version, so that the two never share a broker session. */
    static MqttConfig config(String clientId, boolean cleanSession, int protocolVersion) {
        MqttConfig config = new MqttConfig();
        config.protocolVersion = protocolVersion;
        String id = protocolVersion == ProtocolLevel.V5 ? clientId + "-v5" : clientId;
        config.clientId = id.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = cleanSession;
        config.reconnectMinMillis = 50;
        config.reconnectMaxMillis = 500;
        config.ackTimeoutMillis = 2000;
        config.pingTimeoutMillis = 2000;
        config.incomingQos2Slots = 32;
        return config;
    }

    static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    Engine start() {
        client.start(now());
        return this;
    }

    /** Polls until the condition holds; false when the time runs out. */
    boolean pollUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (client.poll(now()) == 0) {
                Thread.onSpinWait();
                sleepBriefly();
            }
        }
        return true;
    }

    /** Polls for a while regardless, e.g. to let late packets arrive. */
    void pollFor(Duration duration) {
        pollUntil(() -> false, duration);
    }

    boolean connect(Duration timeout) {
        start();
        return pollUntil(client::isConnected, timeout);
    }

    int publish(String topic, String payload, int qos) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return client.publish(t, 0, t.length, p, 0, p.length, qos, false);
    }

    /** Publishes, polling while the outgoing table is full (the engine's backpressure): the final result. */
    int publishWaiting(String topic, String payload, int qos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int result = publish(topic, payload, qos);
        while ((result == ClientStatus.OUTGOING_TABLE_FULL || result == ClientStatus.SEND_BUFFER_FULL)
                && System.nanoTime() - deadline < 0) {
            if (client.poll(now()) == 0) {
                sleepBriefly();
            }
            result = publish(topic, payload, qos);
        }
        return result;
    }

    int subscribe(String filter, int qos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        return client.subscribe(f, 0, f.length, qos);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.disconnect(now());
        transport.close();
    }
}
