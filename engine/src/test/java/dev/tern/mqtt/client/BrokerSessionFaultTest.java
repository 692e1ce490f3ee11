package dev.tern.mqtt.client;

import static dev.tern.mqtt.client.Wire.select;
import static dev.tern.mqtt.client.Wire.toBroker;
import static dev.tern.mqtt.client.Wire.toClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;
import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/**
 * The QoS handshakes cut at each step through a {@link FaultProxy}, and the engine rebooted from
 * its stored session, against real brokers: nothing lost, nothing at QoS 2 delivered twice, and
 * every re-send the one MQTT 3.1.1 prescribes (PUBLISH with DUP=1 and its id before PUBREC; only
 * PUBREL after it).
 */
@Tag("mosquitto")
@Tag("hivemq")
class BrokerSessionFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void resendsPublishWithDupAndSameIdAfterACutBeforePubrec(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/cut-pubrec/" + kind;
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
             Engine subscriber = subscriberOn(broker, "cpr-sub-" + kind, topic, version);
             Engine publisher = new Engine(proxy.host(), proxy.port(), Engine.config("cpr-pub-" + kind, false, version), null)) {
            assertTrue(publisher.connect(TIMEOUT));
            proxy.cutAfter(toBroker(PacketType.PUBLISH).and(p -> p.qos() == 2));
            int id = publisher.publish(topic, "once", 2);
            assertTrue(id > 0, () -> ClientStatus.name(id));

            assertTrue(publisher.pollUntil(() -> publisher.listener.completedOk() == 1, TIMEOUT),
                    () -> "not completed: " + publisher.trace.lines);
            List<SeenPacket> seen = proxy.seen();
            assertEquals(1, select(seen, 1, Direction.TO_BROKER, PacketType.PUBLISH, id).size(), seen::toString);
            assertFalse(select(seen, 1, Direction.TO_BROKER, PacketType.PUBLISH, id).get(0).dup());
            assertEquals(List.of(), select(seen, 1, Direction.TO_CLIENT, PacketType.PUBREC, -1), "the cut lost the PUBREC");
            List<SeenPacket> resent = select(seen, 2, Direction.TO_BROKER, PacketType.PUBLISH, -1);
            assertEquals(1, resent.size(), seen::toString);
            assertEquals(id, resent.get(0).packetId(), "re-sent with its original packet id [MQTT-4.4.0-1]");
            assertTrue(resent.get(0).dup(), "re-sent with DUP=1 [MQTT-3.3.1-1]");
            assertEquals(2, resent.get(0).qos());
            assertTrue(publisher.trace.lines.contains("send: publish (id=" + id + ", qos=2, dup=1, "
                    + resent.get(0).bytes().length + " B)"), publisher.trace.lines::toString);
            assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                    publisher.listener.connectionChanges.get(2), "the session must be resumed");
            assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), publisher.listener.completions);

            assertExactlyOnce(subscriber, "once");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void resendsPubrelNotPublishAfterACutBetweenPubrecAndPubcomp(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        List<Predicate<SeenPacket>> cuts = List.of(toBroker(PacketType.PUBREL), toClient(PacketType.PUBCOMP));
        for (int variant = 0; variant < cuts.size(); variant++) {
            String topic = "tern/proof/cut-pubcomp/" + kind + "/" + variant;
            boolean cutAfter = variant == 0;
            try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                 Engine subscriber = subscriberOn(broker, "cpc-sub-" + variant + kind, topic, version);
                 Engine publisher = new Engine(proxy.host(), proxy.port(),
                         Engine.config("cpc-pub-" + variant + kind, false, version), null)) {
                assertTrue(publisher.connect(TIMEOUT));
                if (cutAfter) {
                    proxy.cutAfter(cuts.get(variant));
                } else {
                    proxy.cutBefore(cuts.get(variant));
                }
                int id = publisher.publish(topic, "released", 2);
                assertTrue(id > 0);

                assertTrue(publisher.pollUntil(() -> publisher.listener.completedOk() == 1, TIMEOUT),
                        () -> "not completed: " + publisher.trace.lines);
                List<SeenPacket> seen = proxy.seen();
                assertEquals(1, proxy.cuts());
                assertEquals(1, select(seen, 1, Direction.TO_BROKER, PacketType.PUBREL, id).size(), seen::toString);
                assertEquals(List.of(), select(seen, 2, Direction.TO_BROKER, PacketType.PUBLISH, -1),
                        "the PUBLISH must never be re-sent after its PUBREC [MQTT-4.3.3-1]");
                assertEquals(1, select(seen, 2, Direction.TO_BROKER, PacketType.PUBREL, id).size(),
                        "PUBREL re-sent with the same id: " + seen);
                assertEquals(1, select(seen, 2, Direction.TO_CLIENT, PacketType.PUBCOMP, id).size(), seen::toString);
                assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)),
                        publisher.listener.completions);
                assertEquals(0, publisher.client.inflight());

                assertExactlyOnce(subscriber, "released");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void incomingQos2IsDeliveredOnceWhenItsHandshakeIsCut(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        // before the broker's PUBREL: it re-sends PUBREL; before our PUBREC: it re-sends the PUBLISH
        List<Predicate<SeenPacket>> cuts = List.of(toClient(PacketType.PUBREL), toBroker(PacketType.PUBREC));
        for (int variant = 0; variant < cuts.size(); variant++) {
            String topic = "tern/proof/cut-incoming/" + kind + "/" + variant;
            try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                 Engine subscriber = new Engine(proxy.host(), proxy.port(),
                         Engine.config("cin-sub-" + variant + kind, false, version), null);
                 Engine publisher = new Engine(broker.host(), broker.port(),
                         Engine.config("cin-pub-" + variant + kind, true, version), null)) {
                subscribe(subscriber, topic);
                assertTrue(publisher.connect(TIMEOUT));
                proxy.cutBefore(cuts.get(variant));
                assertTrue(publisher.publish(topic, "incoming", 2) > 0);
                assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));

                assertTrue(subscriber.pollUntil(() -> proxy.seen().stream()
                        .anyMatch(p -> p.connection() == 2 && toBroker(PacketType.PUBCOMP).test(p)), TIMEOUT),
                        () -> "the handshake did not finish on the second connection: " + proxy.seen());
                subscriber.pollFor(Duration.ofMillis(200));
                List<SeenPacket> seen = proxy.seen();
                int id = select(seen, 1, Direction.TO_CLIENT, PacketType.PUBLISH, -1).get(0).packetId();
                assertEquals(1, select(seen, 2, Direction.TO_CLIENT, PacketType.PUBREL, id).size(), seen::toString);
                if (variant == 1) {
                    assertEquals(1, select(seen, 2, Direction.TO_CLIENT, PacketType.PUBLISH, id).size(),
                            "the broker re-sends the unacknowledged PUBLISH: " + seen);
                    assertEquals(1, subscriber.client.counters().duplicatesSuppressed);
                }
                assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                        subscriber.listener.connectionChanges.get(2));
                assertEquals(List.of(new RecordingListener.Message(topic, "incoming", 2, false)),
                        subscriber.listener.messages, "delivered exactly once");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void rebootedPublisherResumesFromItsStoredSession(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/reboot-out/" + kind;
        MqttConfig config = rebootConfig("rbo-pub-" + kind, version);
        FlashFake flash = Wire.flashFor(config);
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
             Engine subscriber = subscriberOn(broker, "rbo-sub-" + kind, topic, version)) {
            Engine first = new Engine(proxy.host(), proxy.port(), config, flash);
            assertEquals(SessionStatus.STORE_EMPTY, first.client.restoreStatus());
            assertTrue(first.connect(TIMEOUT));

            // connection 1 ends before a PUBCOMP: QoS 2 messages wait for it, PUBREL sent
            proxy.cutBefore(toClient(PacketType.PUBCOMP));
            assertTrue(first.publish(topic, "a1", 1) > 0);
            assertTrue(first.publish(topic, "a2", 2) > 0);
            assertTrue(first.publish(topic, "a3", 1) > 0);
            assertTrue(first.publish(topic, "a4", 2) > 0);
            assertTrue(first.pollUntil(() -> proxy.cuts() == 1 && !first.client.isConnected(), TIMEOUT));
            // offline: kept in the stored offline queue
            assertEquals(ClientStatus.QUEUED, first.publish(topic, "a5", 2));
            assertEquals(ClientStatus.QUEUED, first.publish(topic, "a6", 1));
            // connection 2 ends right after a5 reached the broker: its PUBREC never comes back
            proxy.cutAfter(Wire.publishToBroker("a5"));
            assertTrue(first.pollUntil(() -> proxy.cuts() == 2, TIMEOUT), () -> "no second cut: " + proxy.seen());
            int inflightAtReboot = first.client.inflight();
            assertTrue(inflightAtReboot >= 1, "a5 at least is unacknowledged");
            first.transport.close(); // the reboot: no DISCONNECT, the object is dropped

            Engine second = new Engine(proxy.host(), proxy.port(), config, flash);
            assertEquals(SessionStatus.OK, second.client.restoreStatus());
            // a PUBCOMP that came just before the reboot may not be stored yet (its removal is LAZY):
            // that flow is stored as unfinished and ends again with the broker's PUBCOMP
            int restored = second.client.inflight();
            assertTrue(restored >= inflightAtReboot && restored <= inflightAtReboot + 2,
                    () -> "every unacknowledged message was stored: " + restored + " restored, " + inflightAtReboot
                            + " unacknowledged at the reboot");
            assertEquals(0, second.client.queued());
            try (second) {
                assertTrue(second.connect(TIMEOUT));
                assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                        second.listener.connectionChanges.get(0));
                int a7 = second.publishWaiting(topic, "a7", 2, TIMEOUT);
                assertTrue(a7 > 0, () -> ClientStatus.name(a7));
                assertTrue(second.pollUntil(() -> second.client.inflight() == 0, TIMEOUT),
                        () -> "not all acknowledged: " + second.trace.lines);
                assertEquals(restored + 1L, second.listener.completedOk());
                assertEquals(second.listener.completions.size(), second.listener.completedOk());

                List<SeenPacket> seen = proxy.seen();
                SeenPacket a5 = seen.stream().filter(p -> p.connection() == 2).filter(Wire.publishToBroker("a5"))
                        .findFirst().orElseThrow();
                List<SeenPacket> a5Again = seen.stream().filter(p -> p.connection() == 3)
                        .filter(Wire.publishToBroker("a5")).toList();
                assertEquals(1, a5Again.size(), seen::toString);
                assertEquals(a5.packetId(), a5Again.get(0).packetId(), "the stored PUBLISH keeps its id");
                assertTrue(a5Again.get(0).dup(), "and is re-sent with DUP=1");

                for (String qos1 : List.of("a1", "a3", "a6")) {
                    assertTrue(subscriber.pollUntil(() -> Wire.count(subscriber.listener, qos1) >= 1, TIMEOUT),
                            () -> qos1 + " lost: " + subscriber.listener.payloads());
                }
                for (String qos2 : List.of("a2", "a4", "a5", "a7")) {
                    assertExactlyOnce(subscriber, qos2);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void rebootedSubscriberDoesNotDeliverAStoredQos2MessageAgain(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        // before our PUBREC: the broker re-sends the PUBLISH; before its PUBREL: it re-sends PUBREL
        List<Predicate<SeenPacket>> cuts = List.of(toBroker(PacketType.PUBREC), toClient(PacketType.PUBREL));
        for (int variant = 0; variant < cuts.size(); variant++) {
            String topic = "tern/proof/reboot-in/" + kind + "/" + variant;
            MqttConfig config = rebootConfig("rbi-sub-" + variant + kind, version);
            FlashFake flash = Wire.flashFor(config);
            try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                 Engine publisher = new Engine(broker.host(), broker.port(),
                         Engine.config("rbi-pub-" + variant + kind, true, version), null)) {
                Engine first = new Engine(proxy.host(), proxy.port(), config, flash);
                subscribe(first, topic);
                assertTrue(publisher.connect(TIMEOUT));
                proxy.cutBefore(cuts.get(variant));
                assertTrue(publisher.publish(topic, "stored", 2) > 0);
                assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));
                assertTrue(first.pollUntil(() -> !first.listener.messages.isEmpty() && proxy.cuts() == 1, TIMEOUT));
                assertEquals(List.of(new RecordingListener.Message(topic, "stored", 2, false)), first.listener.messages);
                first.transport.close(); // the reboot

                Engine second = new Engine(proxy.host(), proxy.port(), config, flash);
                assertEquals(SessionStatus.OK, second.client.restoreStatus());
                try (second) {
                    assertTrue(second.connect(TIMEOUT));
                    assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                            second.listener.connectionChanges.get(0));
                    assertTrue(second.pollUntil(() -> proxy.seen().stream()
                            .anyMatch(p -> p.connection() == 2 && toBroker(PacketType.PUBCOMP).test(p)), TIMEOUT),
                            () -> "the broker did not finish the handshake: " + proxy.seen());
                    List<SeenPacket> seen = proxy.seen();
                    int id = select(seen, 1, Direction.TO_CLIENT, PacketType.PUBLISH, -1).get(0).packetId();
                    if (variant == 0) {
                        assertEquals(1, select(seen, 2, Direction.TO_CLIENT, PacketType.PUBLISH, id).size(),
                                "the broker re-sends the PUBLISH it has no PUBREC for: " + seen);
                        assertEquals(1, second.client.counters().duplicatesSuppressed);
                    }
                    assertEquals(1, select(seen, 2, Direction.TO_BROKER, PacketType.PUBCOMP, id).size(), seen::toString);

                    // alive, and new messages are delivered
                    assertTrue(publisher.publish(topic, "next", 2) > 0);
                    assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));
                    assertTrue(second.pollUntil(() -> !second.listener.messages.isEmpty(), TIMEOUT));
                    second.pollFor(Duration.ofMillis(200));
                    assertEquals(List.of(new RecordingListener.Message(topic, "next", 2, false)),
                            second.listener.messages, "the stored message must not be delivered again");
                }
            }
        }
    }

    /** A persistent session small enough for a FlashFake of a few KB. */
    private static MqttConfig rebootConfig(String clientId, int version) {
        MqttConfig config = Engine.config(clientId, false, version);
        config.outgoingSlots = 8;
        config.maxPacketSize = 256;
        config.offlineQueueBytes = 1024;
        return config;
    }

    /** A clean-session subscriber straight on the broker, subscribed at QoS 2. */
    private static Engine subscriberOn(TestBroker broker, String clientId, String topic, int version) {
        Engine subscriber = new Engine(broker.host(), broker.port(), Engine.config(clientId, true, version), null);
        subscribe(subscriber, topic);
        return subscriber;
    }

    private static void subscribe(Engine subscriber, String topic) {
        assertTrue(subscriber.connect(TIMEOUT), "subscriber did not connect");
        assertTrue(subscriber.subscribe(topic, 2) > 0);
        assertTrue(subscriber.pollUntil(() -> !subscriber.listener.granted.isEmpty(), TIMEOUT), "no SUBACK");
        assertEquals(2, subscriber.client.grantedQos(0));
    }

    /** Waits for the payload, lets late duplicates arrive, and checks there is exactly one. */
    private static void assertExactlyOnce(Engine subscriber, String payload) {
        assertTrue(subscriber.pollUntil(() -> Wire.count(subscriber.listener, payload) >= 1, TIMEOUT),
                () -> payload + " never arrived: " + subscriber.listener.payloads());
        subscriber.pollFor(Duration.ofMillis(200));
        assertEquals(1, Wire.count(subscriber.listener, payload), () -> payload + " not exactly once: "
                + subscriber.listener.payloads());
    }
}
