package dev.tern.bench.footprint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;

/**
 * One footprint measurement, run by {@link FootprintBench} in a JVM of its own, printing
 * {@code FOOTPRINT key=value ...} lines:
 *
 * <ul>
 * <li>{@code boards 3.1.1|5}: for each bundled board, configured for that MQTT version, an engine built from its sizing with its session
 *     flash (erased, kept nowhere) and nothing connected: all an engine ever holds, since it
 *     allocates nothing after its constructor.</li>
 * <li>{@code tern HOST PORT}, {@code tern5 HOST PORT} (the engine in MQTT 5), {@code paho HOST PORT},
 *     {@code hivemq HOST PORT}: one client
 *     connected (clean session, state in memory) to the broker through a {@link FaultProxy} that
 *     holds the first PUBACK back (and so every one behind it), after 16 QoS 1 PUBLISHes of 64
 *     bytes reached the broker: 16 messages in flight.</li>
 * </ul>
 */
public final class FootprintProbe {

    static final String PREFIX = "FOOTPRINT ";
    static final int IN_FLIGHT = 16;
    static final int PAYLOAD = 64;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private FootprintProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "boards" -> boards(MqttVersion.byLabel(args[1]));
            case "tern", "tern5", "paho", "hivemq" -> connected(args[0], args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("probe=" + args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void boards(MqttVersion mqtt) {
        BoardLoader loader = new BoardLoader();
        for (String id : loader.list()) {
            BoardDefinition board = loader.load(id);
            MqttConfig config = mqtt.applyTo(board.engine().toConfig());
            config.clientId = "tern-board-0001".getBytes(StandardCharsets.US_ASCII);
            MqttClient engine = new MqttClient(config, new QuietHal.NoTransport(),
                    new QuietHal.ErasedFlash((int) board.sessionPages().size(), board.sessionPageSize()),
                    new QuietHal.NoListener(), PacketTrace.NONE);
            System.gc();
            System.out.println(PREFIX + "board=" + id + " mqtt=" + mqtt.label() + " jol=" + RetainedHeap.jol(engine) + " owned="
                    + RetainedHeap.ownedBy(engine) + " estimate=" + board.engineRamBytes() + " budget="
                    + board.engineRamBudget() + " slots=" + config.outgoingSlots + " max_packet=" + config.maxPacketSize);
        }
    }

    private static void connected(String client, String host, int port) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(host, port)) {
            proxy.recording(true);
            proxy.delayOnce(p -> p.direction() == Direction.TO_CLIENT && p.type() == PacketType.PUBACK,
                    Duration.ofMinutes(10));
            Object root = switch (client) {
                case "tern" -> tern(proxy, MqttVersion.V3_1_1);
                case "tern5" -> tern(proxy, MqttVersion.V5);
                case "paho" -> paho(proxy);
                default -> hivemq(proxy);
            };
            System.gc();
            long owned = RetainedHeap.ownedBy(root);
            long jol = RetainedHeap.jol(root);
            System.out.println(PREFIX + "client=" + client + " owned=" + owned + " jol=" + jol + " in_flight="
                    + publishesToBroker(proxy) + " threads=" + Thread.activeCount() + " unfollowed_fields=" + RetainedHeap.SKIPPED_FIELDS.size());
            System.err.println("fields not followed (hidden classes): " + RetainedHeap.SKIPPED_FIELDS);
        }
    }

    private static byte[] payload() {
        byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    private static String topic(String client) {
        return "tern/bench/footprint/" + client;
    }

    private static Object tern(FaultProxy proxy, MqttVersion mqtt) {
        MqttConfig config = mqtt.applyTo(new MqttConfig());
        config.clientId = ("tern-footprint-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        config.cleanSession = true;
        config.ackTimeoutMillis = 600_000;   // the held PUBACKs never make it re-send
        MqttClient engine = new MqttClient(config, new SocketTransport(proxy.host(), proxy.port()), null,
                new QuietHal.NoListener(), PacketTrace.NONE);
        long started = System.nanoTime();
        engine.start(now(started));
        byte[] topic = topic("tern").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = payload();
        int published = 0;
        long deadline = started + WAIT.toNanos();
        while (publishesToBroker(proxy) < IN_FLIGHT) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("tern: " + publishesToBroker(proxy) + " of " + IN_FLIGHT + " PUBLISHes reached the broker");
            }
            engine.poll(now(started));
            if (engine.isConnected() && published < IN_FLIGHT) {
                if (engine.publish(topic, 0, topic.length, payload, 0, payload.length, 1, false) > 0) {
                    published++;
                }
            }
            sleepBriefly();
        }
        engine.poll(now(started));
        return engine;
    }

    private static Object paho(FaultProxy proxy) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://" + proxy.host() + ":" + proxy.port(),
                "paho-footprint-" + ProcessHandle.current().pid(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(IN_FLIGHT);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(WAIT.toMillis());
        byte[] payload = payload();
        for (int i = 0; i < IN_FLIGHT; i++) {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            client.publish(topic("paho"), message);
        }
        awaitInFlight(proxy, "paho");
        return client;
    }

    private static Object hivemq(FaultProxy proxy) throws Exception {
        Mqtt3AsyncClient client = Mqtt3Client.builder()
                .identifier("hivemq-footprint-" + ProcessHandle.current().pid())
                .serverHost(proxy.host())
                .serverPort(proxy.port())
                .buildAsync();
        client.connectWith().cleanSession(true).send().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> { });
        byte[] payload = payload();
        List<CompletableFuture<Mqtt3Publish>> pending = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            pending.add(client.publishWith().topic(topic("hivemq")).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send());
        }
        awaitInFlight(proxy, "hivemq");
        if (pending.stream().anyMatch(CompletableFuture::isDone)) {
            throw new IllegalStateException("hivemq: a publish completed while its PUBACK was held");
        }
        return client;
    }

    private static void awaitInFlight(FaultProxy proxy, String client) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (publishesToBroker(proxy) < IN_FLIGHT) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(client + ": " + publishesToBroker(proxy) + " of " + IN_FLIGHT
                        + " PUBLISHes reached the broker");
            }
            sleepBriefly();
        }
        sleepBriefly();
    }

    private static long publishesToBroker(FaultProxy proxy) {
        return proxy.seen().stream().filter(p -> p.direction() == Direction.TO_BROKER && p.type() == PacketType.PUBLISH).count();
    }

    private static long now(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
