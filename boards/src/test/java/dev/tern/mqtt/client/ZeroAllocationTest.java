package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.testing.FlashFake;
import dev.tern.hal.testing.LoopbackBroker;
import dev.tern.testsupport.AllocationScenario;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.ForkedAllocationCheck;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * The engine's steady state allocates nothing: each scenario runs in a forked JVM with -Xint
 * (no escape analysis to hide an allocation), warms up, then counts the bytes allocated on the
 * engine's thread over 10,000 steps. The engine runs with a persistent session in flash, so
 * every session save is inside the measurement too.
 *
 * <p>In the boards module because a real broker is reached through the virtual board's
 * non-blocking {@link SocketTransport}, the one transport that polls without allocating (the
 * engine library's java.net transport pays an exception for each read that waits in vain).
 */
class ZeroAllocationTest {

    private static final int WARMUP = 500;
    private static final int STEPS = 10_000;
    private static final Duration FORK_TIMEOUT = Duration.ofMinutes(6);
    private static final String PORT_PROPERTY = "tern.alloc.broker.port";
    /** The protocol level the forked engine speaks (4: MQTT 3.1.1, 5: MQTT 5). */
    static final String VERSION_PROPERTY = "tern.alloc.mqtt";

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @Tag("mosquitto")
    @Tag("hivemq")
    @ParameterizedTest
    @MethodSource("brokersAndVersions")
    void publishAndReceiveAtQos0AllocatesNothing(BrokerKind kind, int version) {
        assertEquals(0, measure(LoopbackQos0.class, kind, version));
    }

    @Tag("mosquitto")
    @Tag("hivemq")
    @ParameterizedTest
    @MethodSource("brokersAndVersions")
    void publishAndReceiveAtQos1AllocatesNothing(BrokerKind kind, int version) {
        assertEquals(0, measure(LoopbackQos1.class, kind, version));
    }

    @Tag("mosquitto")
    @Tag("hivemq")
    @ParameterizedTest
    @MethodSource("brokersAndVersions")
    void publishAndReceiveAtQos2AllocatesNothing(BrokerKind kind, int version) {
        assertEquals(0, measure(LoopbackQos2.class, kind, version));
    }

    @Tag("mosquitto")
    @Tag("hivemq")
    @ParameterizedTest
    @MethodSource("brokersAndVersions")
    void keepAlivePingsAllocateNothing(BrokerKind kind, int version) {
        assertEquals(0, measure(KeepAliveCycles.class, kind, version));
    }

    @Tag("slow")
    @Test
    void connectionCutReconnectAndResumeAllocatesNothing() {
        long bytes = ForkedAllocationCheck.run(ReconnectResumeCycles.class, WARMUP, STEPS, FORK_TIMEOUT, List.of());
        assertEquals(0, bytes);
    }

    static Stream<Arguments> brokersAndVersions() {
        return Stream.of(BrokerKind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, ProtocolLevel.V3_1_1), Arguments.of(kind, ProtocolLevel.V5)));
    }

    /** The engine's defaults, with the test's client id and session kind, in the fork's protocol version. */
    static MqttConfig config(String clientId, boolean cleanSession) {
        MqttConfig config = new MqttConfig();
        config.protocolVersion = Integer.getInteger(VERSION_PROPERTY, ProtocolLevel.V3_1_1);
        config.clientId = clientId.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = cleanSession;
        return config;
    }

    private static long measure(Class<? extends AllocationScenario> scenario, BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        return ForkedAllocationCheck.run(scenario, WARMUP, STEPS, FORK_TIMEOUT,
                List.of("-D" + PORT_PROPERTY + "=" + broker.port(), "-D" + VERSION_PROPERTY + "=" + version));
    }

    // ------------------------------------------------------------------ scenarios (run in the fork)

    /** Counts what the engine tells the application, without allocating. */
    static final class CountingListener implements MqttListener {
        long messages;
        long completions;
        long granted;
        boolean connected;

        @Override
        public void onMessage(IncomingMessage message) {
            messages++;
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
            completions++;
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            granted++;
        }

        @Override
        public void onConnectionChanged(boolean up, boolean sessionPresent, int status) {
            connected = up;
        }
    }

    /** Counts PINGRESP packets seen by the engine. */
    static final class CountingTrace implements PacketTrace {
        long pingResponses;

        @Override
        public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
            if (!sent && type == dev.tern.mqtt.codec.PacketType.PINGRESP) {
                pingResponses++;
            }
        }
    }

    /**
     * One engine subscribed to its own topic: each step publishes one message at the scenario's
     * QoS and polls until it came back and every acknowledgement both ways is done.
     */
    abstract static class Loopback implements AllocationScenario {
        private final CountingListener listener = new CountingListener();
        private final SocketTransport transport;
        private final MqttClient client;
        private final byte[] topic;
        private final byte[] payload = new byte[64];
        private final int qos;

        Loopback(int qos) {
            this.qos = qos;
            int port = Integer.getInteger(PORT_PROPERTY);
            String id = "alloc-" + qos + "-" + ProcessHandle.current().pid();
            MqttConfig config = config(id, false);
            config.keepAliveSeconds = 0;
            topic = ("tern/alloc/" + id).getBytes(StandardCharsets.UTF_8);
            transport = new SocketTransport("127.0.0.1", port);
            client = new MqttClient(config, transport, new FlashFake(16, 4096), listener, PacketTrace.NONE);
            client.start(System.nanoTime() / 1_000_000L);
            pollUntilConnected();
            if (client.subscribe(topic, 0, topic.length, qos) < 0) {
                throw new IllegalStateException("subscribe refused");
            }
            while (listener.granted == 0) {
                step();
            }
        }

        private void pollUntilConnected() {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!listener.connected) {
                step();
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("no connection to the broker: " + ClientStatus.name(client.lastStatus()));
                }
            }
        }

        /** Real time: a counter that raced ahead of the broker would fire acknowledgement timeouts. */
        private void step() {
            client.poll(System.nanoTime() / 1_000_000L);
        }

        @Override
        public void runOnce() {
            long expected = listener.messages + 1;
            payload[0]++;
            int result = client.publish(topic, 0, topic.length, payload, 0, payload.length, qos, false);
            if (result < 0) {
                throw new IllegalStateException("publish refused: " + ClientStatus.name(result));
            }
            int connects = transport.connects();
            while (listener.messages < expected || client.inflight() > 0) {
                step();
            }
            if (transport.connects() != connects) {
                // a reconnect opens a new socket, which allocates in the JDK: say so rather than count it
                throw new IllegalStateException("the connection was lost during the measurement: "
                        + ClientStatus.name(client.lastStatus()));
            }
        }
    }

    static final class LoopbackQos0 extends Loopback {
        LoopbackQos0() {
            super(0);
        }
    }

    static final class LoopbackQos1 extends Loopback {
        LoopbackQos1() {
            super(1);
        }
    }

    static final class LoopbackQos2 extends Loopback {
        LoopbackQos2() {
            super(2);
        }
    }

    /** Each step lets the keep-alive interval pass (on the engine's clock) and waits for the PINGRESP. */
    static final class KeepAliveCycles implements AllocationScenario {
        private final CountingListener listener = new CountingListener();
        private final CountingTrace trace = new CountingTrace();
        private final MqttClient client;
        private long now;

        KeepAliveCycles() {
            int port = Integer.getInteger(PORT_PROPERTY);
            MqttConfig config = config("alloc-ping-" + ProcessHandle.current().pid(), true);
            config.keepAliveSeconds = 60;
            config.ackTimeoutMillis = 1_000_000_000;
            client = new MqttClient(config, new SocketTransport("127.0.0.1", port), null, listener, trace);
            client.start(now);
            while (!listener.connected) {
                client.poll(++now);
            }
        }

        @Override
        public void runOnce() {
            long expected = trace.pingResponses + 1;
            now += 60_000;
            while (trace.pingResponses < expected) {
                client.poll(now);
            }
            if (!listener.connected) {
                throw new IllegalStateException("connection lost: " + ClientStatus.name(client.lastStatus()));
            }
        }
    }

    /**
     * Each step publishes at QoS 1 into a connection that is cut before the PUBACK; the engine
     * reconnects, resumes its session (session present) and re-sends with DUP=1 until acknowledged.
     */
    static final class ReconnectResumeCycles implements AllocationScenario {
        private final CountingListener listener = new CountingListener();
        private final LoopbackBroker broker = new LoopbackBroker();
        private final MqttClient client;
        private final byte[] topic = "tern/alloc/resume".getBytes(StandardCharsets.UTF_8);
        private final byte[] payload = new byte[64];
        private long now;

        ReconnectResumeCycles() {
            MqttConfig config = config("alloc-resume", false);
            config.reconnectMinMillis = 10;
            config.reconnectMaxMillis = 10;
            config.reconnectJitterPercent = 0;
            client = new MqttClient(config, broker, new FlashFake(16, 4096), listener, PacketTrace.NONE);
            client.start(now);
            while (!listener.connected) {
                client.poll(++now);
            }
        }

        @Override
        public void runOnce() {
            long expected = listener.completions + 1;
            int connects = broker.connects();
            broker.cutOnNextPublish();
            if (client.publish(topic, 0, topic.length, payload, 0, payload.length, 1, false) < 0) {
                throw new IllegalStateException("publish refused");
            }
            while (listener.completions < expected) {
                now += 5;
                client.poll(now);
            }
            if (broker.connects() != connects + 1) {
                throw new IllegalStateException("expected one reconnect per step, saw " + (broker.connects() - connects));
            }
        }
    }
}
