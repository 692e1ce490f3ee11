package dev.tern.bench.clients;

import java.nio.charset.StandardCharsets;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;

/**
 * The Tern engine as a {@link BenchClient}: one thread, {@code poll(now)} over the virtual
 * board's non-blocking {@link SocketTransport} (its main code, allocation-free per call).
 * Storage {@code ram}: the session in RAM only (storage null), like the peers' memory
 * persistence; {@code flash}: the session saved to an in-memory flash before every acknowledged
 * step, as on a board (the engine's real store-before-act path). Idle: the engine never blocks;
 * when a poll did nothing the loop sleeps until bytes arrive or 1 ms passed
 * ({@link SocketTransport#awaitReadable}), as a board sleeps until its next interrupt. (It used to
 * spin 64 polls, then park 50 µs: on 2 shared cores that spinning took CPU from the broker and
 * the subscriber, which run on the same cores.)
 *
 * The engine speaks the version the worker is given (its one engine, either version).
 *
 * <p>Worker main: {@code TernWorker ram|flash} followed by {@link Worker}'s arguments.
 */
public final class TernWorker implements BenchClient, MqttListener {

    /** Longest sleep when the engine has nothing to do: it needs polling again for its timers. */
    private static final long IDLE_WAIT_MILLIS = 1;
    /** Incoming QoS 2 ids awaiting PUBREL the engine can hold: see {@link #connect}. */
    static final int INCOMING_QOS2_SLOTS = 65535;

    private final boolean flash;
    private MqttClient engine;
    private SocketTransport transport;
    private long completed;
    private long received;
    private int granted = -1;
    private String failure;
    private boolean wasConnected;
    private boolean disconnecting;

    TernWorker(boolean flash) {
        this.flash = flash;
    }

    public static void main(String[] args) {
        if (args.length < 1 || !("ram".equals(args[0]) || "flash".equals(args[0]))) {
            System.err.println("usage: TernWorker ram|flash " + Worker.USAGE);
            System.exit(2);
        }
        Worker.main(new TernWorker("flash".equals(args[0])), java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public String name() {
        return "tern";
    }

    @Override
    public String storage() {
        return flash ? "flash" : "ram";
    }

    @Override
    public void connect(String host, int port, String clientId, MqttVersion mqtt, long deadlineNanos) {
        MqttConfig config = mqtt.applyTo(new MqttConfig());
        config.clientId = clientId.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = true;
        config.keepAliveSeconds = 60;
        config.outgoingSlots = Worker.WINDOW;
        // mosquitto 2.0.11 does not hold QoS 2 deliveries to its max_inflight_messages (16) once a
        // PUBREC is in: its log showed up to 186 between PUBLISH and PUBCOMP to one receiver fed in
        // a burst. The engine's fixed table then fills (32, 64 and even 256 slots did, now and then:
        // CLIENT_INCOMING_TABLE_FULL, the connection dropped by design); Paho and HiveMQ grow theirs on the
        // heap. Here it gets one slot per packet id, so it never fills (ids only: 256 KB on a host).
        // (The flash session saves its whole image, ids included, at every step: it keeps 32; the
        // suites only publish with it.)
        config.incomingQos2Slots = Integer.getInteger("tern.incomingQos2Slots",
                flash ? 2 * Worker.WINDOW : INCOMING_QOS2_SLOTS);
        config.maxPacketSize = 256;
        // every slot can hold the largest packet, as before the shared pool: figures stay comparable
        config.outgoingPoolBytes = config.outgoingSlots * config.maxPacketSize;
        config.offlineQueueBytes = 1024;
        transport = new SocketTransport(host, port);
        NonVolatileStorage storage = flash ? new FlashFake(32, 1024) : null;
        engine = new MqttClient(config, transport, storage, this, PacketTrace.NONE);
        engine.start(now());
        while (!engine.isConnected()) {
            idle();
            checkDeadline(deadlineNanos, "connecting");
        }
    }

    @Override
    public void subscribe(String filter, int qos, long deadlineNanos) {
        byte[] bytes = filter.getBytes(StandardCharsets.UTF_8);
        int id = engine.subscribe(bytes, 0, bytes.length, qos);
        if (id < 0) {
            throw new IllegalStateException("subscribe refused: " + ClientStatus.name(id));
        }
        while (granted < 0) {
            idle();
            checkDeadline(deadlineNanos, "subscribing");
        }
    }

    @Override
    public boolean publish(String topic, byte[] topicBytes, byte[] payload, int qos) {
        int result = engine.publish(topicBytes, 0, topicBytes.length, payload, 0, payload.length, qos, false);
        if (result > 0 || result == ClientStatus.OK) {
            if (qos == 0) {
                completed++; // handed to the transport
            }
            return true;
        }
        if (result == ClientStatus.OUTGOING_TABLE_FULL || result == ClientStatus.SEND_BUFFER_FULL) {
            return false;
        }
        throw new IllegalStateException("publish refused: " + ClientStatus.name(result));
    }

    @Override
    public void idle() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (engine.poll(now()) == 0) {
            transport.awaitReadable(IDLE_WAIT_MILLIS);
        }
    }

    @Override
    public long completed() {
        return completed;
    }

    @Override
    public long received() {
        return received;
    }

    @Override
    public void disconnect() {
        // lets the last QoS 0 bytes leave before the DISCONNECT
        for (int i = 0; i < 100; i++) {
            engine.poll(now());
        }
        disconnecting = true;
        engine.disconnect(now());
        transport.release();
    }

    @Override
    public void onMessage(IncomingMessage message) {
        received++;
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
    }

    @Override
    public void onReceiveComplete(int packetId) {
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
        granted = grantedQos;
    }

    @Override
    public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        if (connected) {
            wasConnected = true;
        } else if (wasConnected && !disconnecting) {
            // a dropped link would make the figures meaningless: the worker fails instead
            failure = "connection lost: " + ClientStatus.name(status);
        }
    }

    private void checkDeadline(long deadlineNanos, String what) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new IllegalStateException("timed out " + what + " (engine state " + engine.state() + ", last status "
                    + ClientStatus.name(engine.lastStatus()) + ")");
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }
}
