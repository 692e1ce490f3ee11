package dev.tern.mqtt.client;

import static dev.tern.mqtt.client.Wire.select;
import static dev.tern.mqtt.client.Wire.toClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;
import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/**
 * The engine's timers against real brokers, with a {@link FaultProxy} swallowing one packet and
 * keeping the connection: acknowledgement timeouts in both re-send modes, and keep alive.
 */
@Tag("mosquitto")
@Tag("hivemq")
class BrokerTimerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void timerModeResendsPublishWithDupOnTheSameConnectionWhenItsAckIsLost(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        for (int qos = 1; qos <= 2; qos++) {
            String topic = "tern/proof/timer-publish/" + kind + "/" + qos;
            PacketType ack = qos == 1 ? PacketType.PUBACK : PacketType.PUBREC;
            try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                 Engine subscriber = subscriberOn(broker, "tmp-sub-" + qos + kind, topic, version);
                 Engine publisher = new Engine(proxy.host(), proxy.port(),
                         timerConfig("tmp-pub-" + qos + kind, MqttConfig.RESEND_ON_TIMER, version), null)) {
                assertTrue(publisher.connect(TIMEOUT));
                proxy.dropOnce(toClient(ack));
                int id = publisher.publish(topic, "timed", qos);
                assertTrue(id > 0);

                assertTrue(publisher.pollUntil(() -> publisher.listener.completedOk() == 1, TIMEOUT),
                        () -> "not completed: " + publisher.trace.lines);
                List<SeenPacket> seen = proxy.seen();
                assertEquals(1, proxy.dropped().size());
                assertEquals(ack, proxy.dropped().get(0).type());
                List<SeenPacket> publishes = select(seen, 1, Direction.TO_BROKER, PacketType.PUBLISH, id);
                assertEquals(2, publishes.size(), seen::toString);
                assertFalse(publishes.get(0).dup());
                assertTrue(publishes.get(1).dup(), "the timer re-send carries DUP=1 [MQTT-3.3.1-1]");
                assertEquals(1, proxy.connectionsAccepted(), "the connection stays up in timer mode");
                assertEquals(1, publisher.listener.connectionChanges.size(), publisher.listener.connectionChanges::toString);
                assertEquals(1, publisher.client.counters().resent);

                assertTrue(subscriber.pollUntil(() -> Wire.count(subscriber.listener, "timed") >= 1, TIMEOUT));
                if (qos == 2) {
                    subscriber.pollFor(Duration.ofMillis(200));
                    assertEquals(1, Wire.count(subscriber.listener, "timed"), "QoS 2: exactly once");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void timerModeResendsPubrelNeverThePublishWhenPubcompIsLost(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/timer-pubrel/" + kind;
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
             Engine subscriber = subscriberOn(broker, "tmr-sub-" + kind, topic, version);
             Engine publisher = new Engine(proxy.host(), proxy.port(),
                     timerConfig("tmr-pub-" + kind, MqttConfig.RESEND_ON_TIMER, version), null)) {
            assertTrue(publisher.connect(TIMEOUT));
            proxy.dropOnce(toClient(PacketType.PUBCOMP));
            int id = publisher.publish(topic, "released", 2);
            assertTrue(id > 0);

            assertTrue(publisher.pollUntil(() -> publisher.listener.completedOk() == 1, TIMEOUT),
                    () -> "not completed: " + publisher.trace.lines);
            List<SeenPacket> seen = proxy.seen();
            assertEquals(1, proxy.dropped().size());
            assertEquals(1, select(seen, 1, Direction.TO_BROKER, PacketType.PUBLISH, id).size(),
                    "the PUBLISH is never re-sent after its PUBREC: " + seen);
            assertEquals(2, select(seen, 1, Direction.TO_BROKER, PacketType.PUBREL, id).size(), seen::toString);
            assertEquals(2, select(seen, 1, Direction.TO_CLIENT, PacketType.PUBCOMP, id).size(), seen::toString);
            assertEquals(1, proxy.connectionsAccepted());
            assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), publisher.listener.completions);

            assertTrue(subscriber.pollUntil(() -> Wire.count(subscriber.listener, "released") >= 1, TIMEOUT));
            subscriber.pollFor(Duration.ofMillis(200));
            assertEquals(1, Wire.count(subscriber.listener, "released"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void reconnectModeClosesOnAckTimeoutAndResendsAfterReconnecting(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        // a lost PUBACK: the PUBLISH goes again with DUP=1; a lost PUBCOMP: only the PUBREL goes again
        List<PacketType> lost = List.of(PacketType.PUBACK, PacketType.PUBCOMP);
        for (PacketType ack : lost) {
            int qos = ack == PacketType.PUBACK ? 1 : 2;
            String topic = "tern/proof/reconnect-mode/" + kind + "/" + ack;
            try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                 Engine subscriber = subscriberOn(broker, "rcm-sub-" + ack + kind, topic, version);
                 Engine publisher = new Engine(proxy.host(), proxy.port(),
                         timerConfig("rcm-pub-" + ack + kind, MqttConfig.RESEND_ON_RECONNECT, version), null)) {
                assertTrue(publisher.connect(TIMEOUT));
                proxy.dropOnce(toClient(ack));
                int id = publisher.publish(topic, "after-reconnect", qos);
                assertTrue(id > 0);

                assertTrue(publisher.pollUntil(() -> publisher.listener.completedOk() == 1, TIMEOUT),
                        () -> "not completed: " + publisher.trace.lines);
                assertEquals(ClientStatus.ACK_TIMEOUT, publisher.client.lastStatus());
                assertEquals(List.of(new RecordingListener.ConnectionChange(true, false, ClientStatus.OK),
                        new RecordingListener.ConnectionChange(false, false, ClientStatus.ACK_TIMEOUT),
                        new RecordingListener.ConnectionChange(true, true, ClientStatus.OK)),
                        publisher.listener.connectionChanges);
                List<SeenPacket> seen = proxy.seen();
                assertEquals(1, select(seen, 1, Direction.TO_BROKER, PacketType.PUBLISH, id).size(),
                        "no re-send on the first connection: " + seen);
                if (qos == 1) {
                    List<SeenPacket> again = select(seen, 2, Direction.TO_BROKER, PacketType.PUBLISH, id);
                    assertEquals(1, again.size(), seen::toString);
                    assertTrue(again.get(0).dup());
                } else {
                    assertEquals(1, select(seen, 1, Direction.TO_BROKER, PacketType.PUBREL, id).size(), seen::toString);
                    assertEquals(List.of(), select(seen, 2, Direction.TO_BROKER, PacketType.PUBLISH, -1));
                    assertEquals(1, select(seen, 2, Direction.TO_BROKER, PacketType.PUBREL, id).size(), seen::toString);
                }

                assertTrue(subscriber.pollUntil(() -> Wire.count(subscriber.listener, "after-reconnect") >= 1,
                        TIMEOUT));
                if (qos == 2) {
                    subscriber.pollFor(Duration.ofMillis(200));
                    assertEquals(1, Wire.count(subscriber.listener, "after-reconnect"));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void idleEngineKeepsTheConnectionAliveWithPings(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        MqttConfig config = Engine.config("ka-" + kind, true, version);
        // 2 s, not 1: the broker drops a silent client after 1.5 intervals, and on a loaded test
        // machine a 0.5 s stall of the polling thread (GC, other builds) is not rare
        config.keepAliveSeconds = 2;
        try (Engine engine = new Engine(broker.host(), broker.port(), config, null)) {
            assertTrue(engine.connect(TIMEOUT));
            // two and a half keep-alive intervals: more than the 1.5 after which a broker drops a silent client
            engine.pollFor(Duration.ofSeconds(5));

            assertTrue(engine.client.isConnected());
            assertEquals(1, engine.listener.connectionChanges.size(), engine.listener.connectionChanges::toString);
            assertEquals(1, engine.transport.connects());
            List<String> lines = engine.trace.lines;
            long pings = lines.stream().filter("send: pingreq"::equals).count();
            long answers = lines.stream().filter("receive: pingresp"::equals).count();
            assertTrue(pings >= 2, lines::toString);
            assertTrue(answers >= pings - 1, lines::toString);
            assertEquals(List.of("send: connect", "receive: connack"), lines.subList(0, 2));
            assertTrue(lines.subList(2, lines.size()).stream()
                    .allMatch(l -> l.equals("send: pingreq") || l.equals("receive: pingresp")), lines::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void lostPingrespEndsTheConnectionAndTheEngineReconnects(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        MqttConfig config = Engine.config("kal-" + kind, true, version);
        // the broker gives up 1.5 keep-alive intervals after the unanswered PINGREQ (3 s): the engine's
        // ping timeout must end the connection well before that, even on a loaded machine
        config.keepAliveSeconds = 2;
        config.pingTimeoutMillis = 800;
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
             Engine engine = new Engine(proxy.host(), proxy.port(), config, null)) {
            proxy.dropOnce(toClient(PacketType.PINGRESP));
            assertTrue(engine.connect(TIMEOUT));

            assertTrue(engine.pollUntil(() -> engine.listener.connectionChanges.size() >= 3, TIMEOUT),
                    () -> "no reconnect: " + engine.listener.connectionChanges + " " + engine.trace.lines);
            assertEquals(new RecordingListener.ConnectionChange(false, false, ClientStatus.PING_TIMEOUT),
                    engine.listener.connectionChanges.get(1));
            assertEquals(new RecordingListener.ConnectionChange(true, false, ClientStatus.OK),
                    engine.listener.connectionChanges.get(2));
            assertEquals(1, proxy.dropped().size());
            assertEquals(PacketType.PINGRESP, proxy.dropped().get(0).type());
            assertEquals(2, proxy.connectionsAccepted());
            assertEquals(1, select(proxy.seen(), 1, Direction.TO_BROKER, PacketType.PINGREQ, -1).size(),
                    "one unanswered PINGREQ is enough: " + proxy.seen());

            // and the new connection is kept alive
            assertTrue(engine.pollUntil(() -> select(proxy.seen(), 2, Direction.TO_CLIENT, PacketType.PINGRESP, -1)
                    .size() >= 1, TIMEOUT));
            assertTrue(engine.client.isConnected());
        }
    }

    private static MqttConfig timerConfig(String clientId, int resendMode, int version) {
        MqttConfig config = Engine.config(clientId, false, version);
        config.ackTimeoutMillis = 300;
        config.resendMode = resendMode;
        return config;
    }

    private static Engine subscriberOn(TestBroker broker, String clientId, String topic, int version) {
        Engine subscriber = new Engine(broker.host(), broker.port(), Engine.config(clientId, true, version), null);
        assertTrue(subscriber.connect(TIMEOUT), "subscriber did not connect");
        assertTrue(subscriber.subscribe(topic, 2) > 0);
        assertTrue(subscriber.pollUntil(() -> !subscriber.listener.granted.isEmpty(), TIMEOUT), "no SUBACK");
        return subscriber;
    }
}
