package dev.tern.bench.wirebytes;

import java.nio.charset.StandardCharsets;

import dev.tern.boards.virtual.SocketTransport;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;

/**
 * One row of the wirebytes suite: the engine, set up as {@code variant}, connects to the broker
 * through a {@link CountingTransport} and publishes {@code readings} sensor readings at
 * {@code qos}, one at a time (each completed before the next: QoS 0 written, QoS 1 PUBACK, QoS 2
 * PUBCOMP). The bytes both ways from the CONNACK to the last completion (no CONNECT, CONNACK or
 * DISCONNECT; keep alive long enough for no PINGREQ) are the readings' cost on the wire.
 */
final class WireBytesRun implements MqttListener {

    private final WireVariant variant;
    private final int qos;
    private final int readings;
    private int completed;
    private String failure;
    private boolean connected;

    private WireBytesRun(WireVariant variant, int qos, int readings) {
        this.variant = variant;
        this.qos = qos;
        this.readings = readings;
    }

    /** What one row measured; {@code connectVersion} is the protocol version the engine's CONNECT carried. */
    record Result(WireVariant variant, int qos, int readings, long bytesOut, long bytesIn, long payloadBytes,
                  int topicBytes, int connectVersion) {

        double perReading() {
            return (double) (bytesOut + bytesIn) / readings;
        }
    }

    static Result run(WireVariant variant, int qos, int readings, String host, int port, long timeoutMillis) {
        return new WireBytesRun(variant, qos, readings).run(host, port, timeoutMillis);
    }

    private Result run(String host, int port, long timeoutMillis) {
        MqttConfig config = variant.applyTo(new MqttConfig());
        config.clientId = ("wirebytes-" + Long.toHexString(System.nanoTime())).getBytes(StandardCharsets.US_ASCII);
        config.cleanSession = true;
        config.keepAliveSeconds = 600;
        config.maxPacketSize = 256;
        CountingTransport transport = new CountingTransport(new SocketTransport(host, port));
        MqttClient engine = new MqttClient(config, transport, null, this, PacketTrace.NONE);
        long deadline = now() + timeoutMillis;
        byte[] topic = SensorReading.topic();
        long payloadBytes = 0;
        try {
            engine.start(now());
            while (!connected) {
                step(engine, deadline, "connecting");
            }
            long outBefore = transport.written();
            long inBefore = transport.read();
            for (int seq = 1; seq <= readings; seq++) {
                byte[] payload = SensorReading.payload(seq, 100_000L + 1_000L * seq);
                payloadBytes += payload.length;
                long writtenBefore = transport.written();
                int result;
                while ((result = engine.publish(topic, 0, topic.length, payload, 0, payload.length, qos, false)) < 0) {
                    if (result != ClientStatus.OUTGOING_TABLE_FULL && result != ClientStatus.SEND_BUFFER_FULL) {
                        throw new IllegalStateException("publish refused: " + ClientStatus.name(result));
                    }
                    step(engine, deadline, "publishing reading " + seq);
                }
                while (qos == 0 ? transport.written() == writtenBefore : completed < seq) {
                    step(engine, deadline, "completing reading " + seq);
                }
            }
            return new Result(variant, qos, readings, transport.written() - outBefore, transport.read() - inBefore,
                    payloadBytes, topic.length, transport.connectVersion());
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
            throw new IllegalStateException("timed out " + what + " (engine state " + engine.state() + ", last status "
                    + ClientStatus.name(engine.lastStatus()) + ")");
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
            failure = "reading " + packetId + " completed with " + ClientStatus.name(status);
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
