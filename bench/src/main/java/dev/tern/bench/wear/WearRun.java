package dev.tern.bench.wear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tern.bench.SessionFlash;
import dev.tern.bench.chaos.PahoPeer;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.Counters;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.testsupport.TestBroker;

/**
 * One wear cell: the engine sized by the board's EngineSizing, persistent session, its session
 * region on the board's flash model ({@link SessionFlash}), connected to a real broker. Messages
 * go one at a time, as a sensor's readings do (each completes long before the next): the engine
 * publishes a reading and polls until it is acknowledged, or a broker-side Paho client publishes
 * one and the engine polls until it delivered it; then it polls until a poll finds nothing to do,
 * as between a sensor's readings: the engine writes its LAZY changes in the first such poll.
 * Every engine call is timed in flash busy time ({@link CallStalls}).
 */
final class WearRun {

    private static final long IDLE_PARK_NANOS = 20_000;
    /** Receiving, the end: this long without work and the broker's last PUBREL has been handled. */
    private static final long SETTLE_NANOS = 200_000_000L;

    private final WearSettings settings;
    private final TestBroker broker;
    private final String device;
    private final byte[] topic;
    private CallStalls stalls = new CallStalls();
    private final StringBuilder problems = new StringBuilder();
    private final long deadline;
    private SessionFlash flash;
    private final EraseSpan span = new EraseSpan();
    private volatile int granted = -1;

    private WearRun(WearSettings settings, TestBroker broker) {
        this.settings = settings;
        this.broker = broker;
        // tern-<24 hex>: the sensor firmware's device id, the length of a 96-bit unique id
        this.device = "tern-" + String.format("%024x", System.nanoTime() & Long.MAX_VALUE);
        this.topic = ("tern/" + device + "/temperature").getBytes(StandardCharsets.UTF_8);
        this.deadline = System.nanoTime() + settings.timeout().toNanos();
    }

    /** Runs the cell with its flash files in {@code folder}; bounded by the settings' timeout. */
    static WearResult run(WearSettings settings, TestBroker broker, Path folder) throws IOException, MqttException {
        return new WearRun(settings, broker).run(folder);
    }

    private WearResult run(Path folder) throws IOException, MqttException {
        try (SessionFlash opened = SessionFlash.open(settings.board(), folder, 1)) {
            flash = opened;
            SocketTransport transport = new SocketTransport(broker.host(), broker.port());
            MqttClient engine = new MqttClient(engineConfig(), transport, flash.region(), new Listener(), PacketTrace.NONE);
            try {
                engine.start(nowMillis());
                if (!pollUntil(engine, engine::isConnected)) {
                    problem("the engine did not connect");
                } else if (!settings.outgoing()) {
                    engine.subscribe(topic, 0, topic.length, settings.qos());
                    if (!pollUntil(engine, () -> granted >= 0)) {
                        problem("the engine's subscription was not acknowledged");
                    }
                }
                if (problems.length() > 0) {
                    return result(engine, 0, 0, 0, new int[flash.unitErases().length]);
                }
                pollUntilIdle(engine);
                stalls = new CallStalls(); // the connect's saves are not the messages' stalls
                long erasesBefore = flash.erases();
                span.note(0, erasesBefore);
                long storeErasesBefore = engine.counters().storeErases;
                long bytesBefore = engine.counters().storeBytesProgrammed;
                long busyBefore = flash.busy().busyNanos();
                long completed = settings.outgoing() ? publishFromEngine(engine) : receiveInEngine(engine);
                Counters counters = engine.counters();
                return new WearResult(settings, completed, flash.erases() - erasesBefore,
                        counters.storeErases - storeErasesBefore, counters.storeBytesProgrammed - bytesBefore,
                        flash.busy().busyNanos() - busyBefore, stalls, span, flash.unitErases(), problems.toString());
            } finally {
                engine.disconnect(nowMillis());
                transport.close();
            }
        }
    }

    private long publishFromEngine(MqttClient engine) {
        byte[] payload = new byte[96];
        long completedBefore = engine.counters().acknowledged;
        long published = 0;
        for (long seq = 1; seq <= settings.messages() && problems.length() == 0; seq++) {
            int length = reading(seq, payload);
            if (settings.sensorSequence()) {
                storeSequence(engine.applicationData(), seq);
            }
            if (!publishOnce(engine, payload, length)) {
                break;
            }
            published++;
            if (!pollUntil(engine, () -> engine.inflight() == 0 && engine.queued() == 0)) {
                problem("message " + seq + " was not acknowledged in time (state " + engine.state() + ")");
                break;
            }
            pollUntilIdle(engine); // the first poll with nothing else to do writes the LAZY changes
            span.note(seq, flash.erases());
        }
        return settings.qos() == 0 ? published : engine.counters().acknowledged - completedBefore;
    }

    private boolean publishOnce(MqttClient engine, byte[] payload, int length) {
        while (System.nanoTime() - deadline < 0) {
            long before = flash.busy().busyNanos();
            int result = engine.publish(topic, 0, topic.length, payload, 0, length, settings.qos(), false);
            stalls.record(flash.busy().busyNanos() - before);
            if (result >= 0 || result == ClientStatus.QUEUED) {
                return true;
            }
            if (result != ClientStatus.OUTGOING_TABLE_FULL && result != ClientStatus.SEND_BUFFER_FULL) {
                problem("the engine refused a publish: " + ClientStatus.name(result));
                return false;
            }
            timedPoll(engine);
        }
        problem("timed out publishing");
        return false;
    }

    private long receiveInEngine(MqttClient engine) throws MqttException {
        try (PahoPeer peer = PahoPeer.connect(broker.serverUri(), device + "-publisher")) {
            String topicName = new String(topic, StandardCharsets.UTF_8);
            byte[] payload = new byte[96];
            long deliveredBefore = engine.counters().delivered;
            for (long seq = 1; seq <= settings.messages() && problems.length() == 0; seq++) {
                int length = reading(seq, payload);
                byte[] message = java.util.Arrays.copyOf(payload, length);
                while (!peer.publish(topicName, message, settings.qos())) {
                    if (peer.lostConnection() != null || System.nanoTime() - deadline >= 0) {
                        problem("the publisher could not publish message " + seq + ": " + peer.lostConnection());
                        break;
                    }
                    timedPoll(engine);
                }
                long target = deliveredBefore + seq;
                if (!pollUntil(engine, () -> engine.counters().delivered >= target)) {
                    problem("message " + seq + " was not delivered in time");
                    break;
                }
                pollUntilIdle(engine); // the first poll with nothing else to do writes the LAZY changes
                span.note(seq, flash.erases());
            }
            settle(engine);
            return engine.counters().delivered - deliveredBefore;
        }
    }

    /** Polls until {@code done} or the deadline; false at the deadline. */
    private boolean pollUntil(MqttClient engine, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            if (timedPoll(engine) == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        return true;
    }

    /** Polls until a poll finds nothing to do (the one before it wrote the LAZY changes, if any). */
    private void pollUntilIdle(MqttClient engine) {
        while (timedPoll(engine) > 0 && System.nanoTime() - deadline < 0) {
            // more work: a flush, a received packet, a lazy save
        }
    }

    /** Receiving: the broker's last PUBREL (QoS 2) comes after the last delivery. */
    private void settle(MqttClient engine) {
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < SETTLE_NANOS && System.nanoTime() - deadline < 0) {
            if (timedPoll(engine) > 0) {
                quietSince = System.nanoTime();
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    private int timedPoll(MqttClient engine) {
        long before = flash.busy().busyNanos();
        int work = engine.poll(nowMillis());
        stalls.record(flash.busy().busyNanos() - before);
        return work;
    }

    private WearResult result(MqttClient engine, long completed, long erases, long bytes, int[] unitErases) {
        return new WearResult(settings, completed, erases, engine.counters().storeErases, bytes, 0, stalls, span,
                unitErases, problems.toString());
    }

    /**
     * The sensor firmware's reading, five years into a run so it has the length the projections
     * use: {"seq":157788001,"t":157788001000,"v":21.43}.
     */
    private static int reading(long seq, byte[] into) {
        long reading = 157_788_000L + seq;
        byte[] text = ("{\"seq\":" + reading + ",\"t\":" + reading * 1000 + ",\"v\":21.43}").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, into, 0, text.length);
        return text.length;
    }

    /** As SensorApp does: the first sensor's sequence number, 8 bytes big-endian, at the start of the application data. */
    private static void storeSequence(byte[] applicationData, long seq) {
        for (int b = 7; b >= 0; b--) {
            applicationData[b] = (byte) seq;
            seq >>>= 8;
        }
    }

    private MqttConfig engineConfig() {
        MqttConfig config = settings.mqtt().applyTo(settings.board().engine().toConfig());
        config.clientId = device.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = false;
        config.keepAliveSeconds = 60;
        return config;
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    private void problem(String text) {
        if (problems.length() > 0) {
            problems.append("; ");
        }
        problems.append(text);
    }

    private final class Listener implements MqttListener {

        @Override
        public void onMessage(IncomingMessage message) {
            // counted by the engine (Counters.delivered)
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
                problem("message id " + packetId + " completed with " + ClientStatus.name(status));
            }
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            granted = grantedQos;
        }

        @Override
        public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
            // a lost connection shows as a message not completed in time
        }
    }
}
