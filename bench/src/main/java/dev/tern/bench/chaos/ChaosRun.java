package dev.tern.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResentAfterPubrel;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.Counters;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.testsupport.TestBroker;
import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/**
 * One chaos run: the Tern engine with a persistent session (clean session 0, session in flash)
 * connected to a real broker through a {@link FaultProxy} that cuts, delays and splits its
 * connection; an independent Paho client with a persistent session, connected to the broker
 * directly (its session never sees a fault), on the other end. Numbered messages 1..N go one
 * way; the receiving side counts each number's arrivals.
 *
 * <p>The sender stays at most a window of messages ({@link #WINDOW}, smaller when receiving or
 * at QoS 0) ahead of what arrived, so the broker's per-client queue (mosquitto: 1000 messages)
 * never overflows: a loss is never the broker's queue limit. With the system property
 * {@code chaos.debugFile} set, the engine's packet trace and its deliveries are written there.
 * Everything runs on the calling thread except the Paho callbacks.
 */
public final class ChaosRun {

    static final int WINDOW = 200;
    static final int RECEIVE_WINDOW = 20;
    static final int QOS0_WINDOW = 10;
    private final int window;
    private static final long IDLE_PARK_NANOS = 100_000;
    private static final long QOS0_QUIET_MILLIS = 2_000;
    private static final long SETTLE_MILLIS = 500;
    /** QoS 1/2: nothing arrived and the engine did nothing for this long: the rest is not coming. */
    private static final long QUIET_MILLIS = 10_000;
    private static final long QOS0_STALL_NANOS = 150_000_000L;

    private final ChaosSettings settings;
    private final TestBroker broker;
    private final String runId;
    private final byte[] topic;
    private final ArrivalCounter arrivals;
    /** Receiving flow: the numbers the proxy forwarded whole to the engine, as many times as it did. */
    private final ArrivalCounter reachedEngine;
    private final Listener listener = new Listener();
    private final StringBuilder problems = new StringBuilder();
    private static final String DEBUG = System.getProperty("chaos.debugFile");
    private final StringBuilder debug = new StringBuilder();
    /** Receiving flow: copies the broker sent again after its own PUBREL, counted apart from the engine's. */
    private final ResentAfterPubrel resentAfterPubrel = new ResentAfterPubrel();
    private final PacketTrace trace = (sent, type, id, qos, dup, length) -> {
        if (!sent) {
            resentAfterPubrel.received(type, id);
        }
        if (DEBUG != null) {
            debug.append(sent ? "> " : "< ").append(type).append(" id=").append(id).append(dup ? " dup" : "").append('\n');
        }
    };
    private long lastProgress = -1;
    private long stallBase;
    private long lastProgressAt = System.nanoTime();

    private ChaosRun(ChaosSettings settings, TestBroker broker) {
        this.settings = settings;
        this.broker = broker;
        this.runId = "chaos-" + settings.flow().name().toLowerCase().substring(0, 3) + settings.qos() + "-v"
                + settings.mqtt().level() + "-" + Long.toHexString(System.nanoTime());
        this.topic = ("tern/chaos/" + runId).getBytes(StandardCharsets.UTF_8);
        this.arrivals = new ArrivalCounter(settings.messages());
        this.reachedEngine = new ArrivalCounter(settings.messages());
        // receiving, a cut makes the broker re-send the whole window: a small one keeps cuts frequent
        // at QoS 0 a cut loses whatever is on the wire: a small window keeps that to a few messages
        this.window = settings.qos() == 0 ? QOS0_WINDOW
                : settings.flow() == Flow.PUBLISHER_TO_ENGINE ? RECEIVE_WINDOW : WINDOW;
    }

    /** Runs once against {@code broker} and says what happened; stops by itself at the settings' timeout. */
    public static ChaosResult run(ChaosSettings settings, TestBroker broker) throws MqttException {
        return new ChaosRun(settings, broker).run();
    }

    private ChaosResult run() throws MqttException {
        long started = System.nanoTime();
        long deadline = started + settings.timeout().toNanos();
        Random random = new Random(settings.seed());
        FaultPlan plan = new FaultPlan(settings.flow(), settings.qos(), random, settings.delays());
        String topicName = new String(topic, StandardCharsets.UTF_8);
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port()).recording(false)
                .onForwarded(this::countReachedEngine);
             PahoPeer peer = PahoPeer.connect(broker.serverUri(), runId + "-paho")) {
            SocketTransport transport = new SocketTransport(proxy.host(), proxy.port());
            MqttClient engine = new MqttClient(engineConfig(), transport, new FlashFake(2 * 16, 1024), listener, trace);
            try {
                engine.start(nowMillis());
                boolean receiving = settings.flow() == Flow.PUBLISHER_TO_ENGINE;
                if (receiving) {
                    engine.subscribe(topic, 0, topic.length, settings.qos());
                    if (!pollUntil(engine, () -> listener.granted >= 0, deadline)) {
                        problem("the engine's subscription was not acknowledged in time");
                        return result(engine, proxy, plan, peer, 0, started);
                    }
                } else {
                    peer.subscribe(topicName, settings.qos(), arrivals);
                }
                long sent = send(engine, proxy, plan, peer, topicName, receiving, deadline);
                plan.endSlot(proxy);
                drain(engine, sent, receiving, deadline);
                if (System.nanoTime() - deadline >= 0) {
                    problem("timed out after " + settings.timeout().toSeconds() + " s (engine state " + engine.state()
                            + ", " + engine.inflight() + " in flight, " + engine.queued() + " queued, last status "
                            + ClientStatus.name(engine.lastStatus()) + ")");
                }
                return result(engine, proxy, plan, peer, sent, started);
            } finally {
                engine.disconnect(nowMillis());
                transport.close();
            }
        }
    }

    /** Sends 1..N through the faults; returns how many were accepted. */
    private long send(MqttClient engine, FaultProxy proxy, FaultPlan plan, PahoPeer peer, String topicName,
                      boolean receiving, long deadline) {
        // one cut per slot; a slot opens once the previous cut fired and enough messages arrived
        // since; the spacing is set again at each slot from the cuts still owed and the messages left
        long baseEvery = settings.cuts() == 0 ? Long.MAX_VALUE
                : Math.max(1, (long) (settings.messages() / (settings.cuts() * 3.0)));
        long slotEvery = baseEvery;
        long nextSlotAt = settings.cuts() == 0 ? Long.MAX_VALUE : Math.min(baseEvery / 2, settings.messages() / 2);
        long armedAt = 0;
        long sent = 0;
        byte[] payload = new byte[20];
        while (System.nanoTime() - deadline < 0) {
            // all handed over: carry on arming cuts while the cuts still owed can land on arrivals
            if (sent >= settings.messages()
                    && (proxy.cuts() >= settings.cuts() || progress() >= settings.messages())) {
                break;
            }
            int work = engine.poll(nowMillis());
            // slots follow what arrived, not what was handed over: a cut waits for traffic to flow
            long progress = settings.qos() == 0 ? sent : progress();
            if (progress >= nextSlotAt && (plan.armedCutFired(proxy) || progress - armedAt > 4 * slotEvery)) {
                plan.armNext(proxy);
                armedAt = progress;
                // behind the pace the cuts asked need (with a fifth to spare): the next cut is armed as
                // soon as this one fires, so it lands on the first packets after the reconnect
                long due = (long) (settings.cuts() * 1.2 * progress / settings.messages()) + 1;
                slotEvery = proxy.cuts() < Math.min(due, settings.cuts()) ? 0
                        : proxy.cuts() < settings.cuts() ? baseEvery
                        : Math.max(1, settings.messages() / Math.max(1, settings.cuts()));
                nextSlotAt = progress + slotEvery;
            }
            if (sent < settings.messages() && windowOpen(sent)) {
                long seq = sent + 1;
                int length = ascii(seq, payload);
                boolean accepted = receiving
                        ? peer.publish(topicName, java.util.Arrays.copyOf(payload, length), settings.qos())
                        : publishFromEngine(engine, payload, length);
                if (accepted) {
                    sent = seq;
                    work++;
                }
            }
            if (problems.length() > 0) {
                break;
            }
            if (work == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        return sent;
    }

    /**
     * Counts each numbered PUBLISH the proxy handed whole to the engine: a number lost without
     * ever reaching the engine was lost by the broker, not by the engine.
     */
    private void countReachedEngine(SeenPacket packet) {
        if (packet.type() != PacketType.PUBLISH || packet.direction() != Direction.TO_CLIENT) {
            return;
        }
        byte[] bytes = packet.bytes();
        int at = 1;
        while ((bytes[at] & 0x80) != 0) {
            at++;
        }
        at++;
        int topicLength = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        at += 2 + topicLength + (packet.qos() > 0 ? 2 : 0);
        if (settings.mqtt() == MqttVersion.V5) {
            // MQTT 5: the Properties come before the payload, a Variable Byte Integer length first
            int propertyLength = 0;
            int shift = 0;
            while ((bytes[at] & 0x80) != 0) {
                propertyLength |= (bytes[at++] & 0x7F) << shift;
                shift += 7;
            }
            propertyLength |= (bytes[at++] & 0x7F) << shift;
            at += propertyLength;
        }
        reachedEngine.recordPayload(bytes, at, bytes.length - at);
    }

    private boolean publishFromEngine(MqttClient engine, byte[] payload, int length) {
        int result = engine.publish(topic, 0, topic.length, payload, 0, length, settings.qos(), false);
        if (result > 0 || result == ClientStatus.OK || result == ClientStatus.QUEUED) {
            return true;
        }
        if (result != ClientStatus.OUTGOING_TABLE_FULL && result != ClientStatus.CLIENT_OFFLINE_QUEUE_FULL
                && result != ClientStatus.SEND_BUFFER_FULL) {
            problem("the engine refused a publish: " + ClientStatus.name(result));
        }
        return false;
    }

    /**
     * At QoS 1/2 the sender waits while {@link #WINDOW} messages are unaccounted for; at QoS 0,
     * where lost ones never arrive, it compares with the highest number that arrived instead.
     */
    private boolean windowOpen(long sent) {
        long arrived = Math.max(progress(), stallBase);
        if (arrived != lastProgress) {
            lastProgress = arrived;
            lastProgressAt = System.nanoTime();
        }
        if (sent - arrived < window) {
            return true;
        }
        // QoS 0: what a cut took never arrives; after a quiet spell count it gone and open a new window
        if (settings.qos() == 0 && System.nanoTime() - lastProgressAt > QOS0_STALL_NANOS) {
            stallBase = sent;
            return true;
        }
        return false;
    }

    /** How far the receiving side got: at QoS 1/2 the messages that arrived, at QoS 0 the highest number. */
    private long progress() {
        return settings.qos() == 0 ? arrivals.highest() : arrivals.distinct();
    }

    /**
     * Polls until every message arrived and the engine holds nothing more, or nothing has moved
     * for a quiet spell (what has not arrived then never will: QoS 0, or a broker that lost it),
     * then settles a little to let late duplicates show.
     */
    private void drain(MqttClient engine, long sent, boolean receiving, long deadline) {
        long quietMillis = settings.qos() == 0 ? QOS0_QUIET_MILLIS : QUIET_MILLIS;
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            boolean engineIdle = receiving || (engine.inflight() == 0 && engine.queued() == 0);
            if (arrivals.distinct() >= sent && engineIdle) {
                break;
            }
            if (engine.poll(nowMillis()) == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            long count = arrivals.distinct() + engine.counters().delivered + engine.counters().acknowledged
                    + engine.queued();
            if (count != lastCount) {
                lastCount = count;
                quietSince = System.nanoTime();
            } else if ((System.nanoTime() - quietSince) / 1_000_000 >= quietMillis) {
                break;
            }
        }
        long settleUntil = Math.min(deadline, System.nanoTime() + SETTLE_MILLIS * 1_000_000);
        pollUntil(engine, () -> false, settleUntil);
    }

    private static boolean pollUntil(MqttClient engine, java.util.function.BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            if (engine.poll(nowMillis()) == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        return true;
    }

    private ChaosResult result(MqttClient engine, FaultProxy proxy, FaultPlan plan, PahoPeer peer, long sent,
                               long started) {
        if (peer.lostConnection() != null) {
            problem("the Paho client lost its own connection: " + peer.lostConnection());
        }
        if (arrivals.unexpected() > 0) {
            problem(arrivals.unexpected() + " arrivals carried a number that was never sent");
        }
        if (DEBUG != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(DEBUG), debug);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Counters counters = engine.counters();
        long lost = arrivals.lost(sent);
        long lostByBroker = settings.flow() == Flow.PUBLISHER_TO_ENGINE ? reachedEngine.lost(sent) : 0;
        return new ChaosResult(settings, sent, arrivals.distinct(), lost, lostByBroker, arrivals.duplicated(),
                resentAfterPubrel.count(), proxy.cuts(),
                plan.firedByKind(), plan.expired(), proxy.delays(), proxy.splits(), plan.byteByBytePhases(),
                counters.reconnects, counters.resent, counters.duplicatesSuppressed,
                (System.nanoTime() - started) / 1e9, arrivals.firstLost(sent, 10), problems.toString());
    }

    private MqttConfig engineConfig() {
        MqttConfig config = settings.mqtt().applyTo(new MqttConfig());
        config.clientId = (runId + "-engine").getBytes(StandardCharsets.UTF_8);
        config.cleanSession = false;
        config.keepAliveSeconds = 30;
        config.maxPacketSize = 256;
        // every slot can hold the largest packet, as before the shared pool: figures stay comparable
        config.outgoingPoolBytes = config.outgoingSlots * config.maxPacketSize;
        config.offlineQueueBytes = 2048;
        config.incomingQos2Slots = Integer.getInteger("chaos.incomingSlots", 32);   // above mosquitto's inflight window of 20
        config.ackTimeoutMillis = 500;   // a delayed acknowledgement makes the engine re-send on its timer
        config.connectTimeoutMillis = 3000;
        config.reconnectMinMillis = 20;
        config.reconnectMaxMillis = 200;
        config.jitterSeed = (int) settings.seed();
        return config;
    }

    private void problem(String text) {
        if (problems.length() > 0) {
            problems.append("; ");
        }
        problems.append(text);
    }

    private static int ascii(long value, byte[] into) {
        String text = Long.toString(value);
        for (int i = 0; i < text.length(); i++) {
            into[i] = (byte) text.charAt(i);
        }
        return text.length();
    }

    static long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    /** The engine's callbacks: deliveries go to the counter (receiving flow), SUBACK noted. */
    private final class Listener implements MqttListener {
        volatile int granted = -1;

        @Override
        public void onMessage(IncomingMessage message) {
            long seq = ArrivalCounter.parse(message.payloadBuffer(), message.payloadOffset(), message.payloadLength());
            if (!resentAfterPubrel.isResentAfterPubrel(seq)) {
                arrivals.record(seq);
            }
            if (DEBUG != null) {
                debug.append("deliver ").append(new String(message.payloadBuffer(), message.payloadOffset(),
                        message.payloadLength(), StandardCharsets.US_ASCII))
                        .append('\n');
            }
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
            // reconnects are read from the engine's counters
        }
    }
}
