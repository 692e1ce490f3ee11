package dev.tern.bench.tls;

import java.nio.charset.StandardCharsets;

import dev.tern.hal.Transport;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;

/**
 * The engine publishing {@code messages} QoS 1 messages (64-byte payload) as fast as its outgoing
 * table lets it, over any transport, polled on the caller's thread: messages per second from the
 * first PUBLISH to the last PUBACK (the connection and its handshake not counted).
 */
final class QosOnePublisher implements MqttListener {

    private static final byte[] TOPIC = "tern/bench/tls".getBytes(StandardCharsets.US_ASCII);
    private static final long TIMEOUT_MILLIS = 120_000;

    private boolean connected;
    private int completed;
    private String failure;

    private QosOnePublisher() {
    }

    static double messagesPerSecond(Transport transport, String clientId, int messages) {
        return new QosOnePublisher().run(transport, clientId, messages);
    }

    private double run(Transport transport, String clientId, int messages) {
        MqttConfig config = new MqttConfig();
        config.clientId = clientId.getBytes(StandardCharsets.US_ASCII);
        config.cleanSession = true;
        config.keepAliveSeconds = 600;
        config.connectTimeoutMillis = 10_000;
        MqttClient engine = new MqttClient(config, transport, null, this, PacketTrace.NONE);
        byte[] payload = new byte[64];
        long deadline = now() + TIMEOUT_MILLIS;
        try {
            engine.start(now());
            while (!connected) {
                step(engine, deadline, "connecting");
            }
            long start = System.nanoTime();
            for (int sent = 0; sent < messages; sent++) {
                int result;
                while ((result = engine.publish(TOPIC, 0, TOPIC.length, payload, 0, payload.length, 1, false)) < 0) {
                    if (result != ClientStatus.OUTGOING_TABLE_FULL && result != ClientStatus.SEND_BUFFER_FULL) {
                        throw new IllegalStateException("publish refused: " + ClientStatus.name(result));
                    }
                    step(engine, deadline, "publishing message " + (sent + 1));
                }
            }
            while (completed < messages) {
                step(engine, deadline, "waiting for PUBACK " + (completed + 1));
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            engine.disconnect(now());
            transport.close();
        }
    }

    private void step(MqttClient engine, long deadline, String what) {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (now() > deadline) {
            throw new IllegalStateException("timed out " + what + " (last status " + ClientStatus.name(engine.lastStatus()) + ")");
        }
        if (engine.poll(now()) == 0) {
            Thread.onSpinWait();
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public void onMessage(IncomingMessage message) {
    }

    @Override
    public void onPublishComplete(int packetId, int status) {
        if (status != ClientStatus.OK) {
            failure = "message " + packetId + " completed with " + ClientStatus.name(status);
        }
        completed++;
    }

    @Override
    public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
    }

    @Override
    public void onReceiveComplete(int packetId) {
    }

    @Override
    public void onConnectionChanged(boolean up, boolean sessionPresent, int status) {
        if (up) {
            connected = true;
        } else if (connected) {
            failure = "connection lost: " + ClientStatus.name(status);
        }
    }
}
