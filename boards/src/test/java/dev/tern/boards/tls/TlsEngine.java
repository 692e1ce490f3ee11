package dev.tern.boards.tls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.tern.hal.Transport;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;

/**
 * A Tern engine with a persistent session in flash on a {@link TlsTransport} (or any transport),
 * polled on the test's thread; it records what it received, its connections and the failure
 * reasons the transport gave, as the firmware's console would show them.
 */
final class TlsEngine implements MqttListener {

    final TlsTransport tls;
    final MqttClient client;
    final List<String> received = new ArrayList<>();
    final List<Integer> receivedQos = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    int connections;
    boolean sessionPresent;
    boolean connected;
    long completed;
    int granted = -1;

    /** {@code tls} may be null when {@code transport} is not TLS (then failures carry no TLS reason). */
    TlsEngine(String clientId, TlsTransport tls, Transport transport, FlashFake flash) {
        this.tls = tls;
        MqttConfig config = new MqttConfig();
        config.clientId = clientId.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = false;
        config.reconnectMinMillis = 50;
        config.reconnectMaxMillis = 200;
        config.connectTimeoutMillis = 5000;
        client = new MqttClient(config, transport, flash, this, PacketTrace.NONE);
    }

    static TlsEngine over(String clientId, TlsTransport tls) {
        return new TlsEngine(clientId, tls, tls, new FlashFake(16, 4096));
    }

    void start() {
        client.start(now());
    }

    /** Polls until {@code done}, at most {@code timeout}; false when it ran out. */
    boolean pollUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lost = client.counters().connectionsLost;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (client.poll(now()) == 0) {
                Thread.onSpinWait();
            }
            if (client.counters().connectionsLost != lost) {
                lost = client.counters().connectionsLost;
                failures.add(ClientStatus.name(client.lastStatus()) + (tls == null ? "" : ": " + TlsStatus.name(tls.lastFailure())));
            }
        }
        return true;
    }

    /** Polls for {@code time}: to see that something does not happen. */
    void pollFor(Duration time) {
        pollUntil(() -> false, time);
    }

    int publish(String topic, String payload, int qos) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return client.publish(t, 0, t.length, p, 0, p.length, qos, false);
    }

    int subscribe(String filter, int qos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        return client.subscribe(f, 0, f.length, qos);
    }

    void stop() {
        client.disconnect(now());
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public void onMessage(IncomingMessage message) {
        received.add(new String(message.payloadBuffer(), message.payloadOffset(), message.payloadLength(), StandardCharsets.UTF_8));
        receivedQos.add(message.qos());
    }

    @Override
    public void onPublishComplete(int packetId, int status) {
        completed++;
    }

    @Override
    public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
        granted = grantedQos;
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
    }

    @Override
    public void onReceiveComplete(int packetId) {
    }

    @Override
    public void onConnectionChanged(boolean up, boolean present, int status) {
        connected = up;
        if (up) {
            connections++;
            sessionPresent = present;
        }
    }
}
