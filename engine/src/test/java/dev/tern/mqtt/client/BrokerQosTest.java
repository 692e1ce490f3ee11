package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;
import dev.tern.proxy.FaultProxy;

/** What a subscriber gets through a real broker: the QoS it is owed, retained messages, offline messages. */
@Tag("mosquitto")
@Tag("hivemq")
class BrokerQosTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    /** {publish QoS, subscription QoS, QoS the subscriber must receive}. */
    private static final int[][] DOWNGRADES = {
        {2, 1, 1}, {1, 2, 1}, {2, 0, 0}, {0, 2, 0}, {1, 0, 0}, {2, 2, 2},
    };

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void subscriberReceivesTheLowerOfPublishQosAndGrantedQos(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String base = "tern/proof/downgrade/" + kind + "/";
        try (Engine subscriber = new Engine(broker.host(), broker.port(), Engine.config("dg-sub-" + kind, true, version), null);
             Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("dg-pub-" + kind, true, version), null)) {
            assertTrue(subscriber.connect(TIMEOUT), "subscriber did not connect");
            for (int[] c : DOWNGRADES) {
                assertTrue(subscriber.subscribe(base + c[0] + c[1], c[1]) > 0);
            }
            assertTrue(subscriber.pollUntil(() -> subscriber.listener.granted.size() == DOWNGRADES.length, TIMEOUT));
            for (int i = 0; i < DOWNGRADES.length; i++) {
                assertEquals(DOWNGRADES[i][1], subscriber.client.grantedQos(i), "granted QoS of subscription " + i);
            }
            assertTrue(publisher.connect(TIMEOUT), "publisher did not connect");
            for (int[] c : DOWNGRADES) {
                assertTrue(publisher.publishWaiting(base + c[0] + c[1], "p" + c[0] + "s" + c[1], c[0], TIMEOUT) >= 0);
            }
            assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT), "not all acknowledged");
            assertTrue(subscriber.pollUntil(() -> subscriber.listener.messages.size() >= DOWNGRADES.length, TIMEOUT),
                    () -> "received " + subscriber.listener.messages);
            subscriber.pollFor(Duration.ofMillis(100));

            assertEquals(DOWNGRADES.length, subscriber.listener.messages.size(), subscriber.listener.messages::toString);
            for (int[] c : DOWNGRADES) {
                String payload = "p" + c[0] + "s" + c[1];
                RecordingListener.Message message = subscriber.listener.messages.stream()
                        .filter(m -> m.payload().equals(payload)).findFirst().orElseThrow();
                assertEquals(base + c[0] + c[1], message.topic());
                assertEquals(c[2], message.qos(), "published at " + c[0] + ", subscribed at " + c[1]);
            }
            // the broker's PUBLISH towards the subscriber carries that QoS on the wire, as the trace shows
            assertTrue(subscriber.trace.lines.stream().anyMatch(l -> l.startsWith("receive: publish (id=")
                    && l.contains("qos=1")));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void retainedMessageReachesALaterSubscriberWithRetainSetAndIsCleared(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/retained/" + kind;
        try (Engine live = new Engine(broker.host(), broker.port(), Engine.config("rt-live-" + kind, true, version), null);
             Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("rt-pub-" + kind, true, version), null)) {
            assertTrue(live.connect(TIMEOUT));
            live.subscribe(topic, 1);
            assertTrue(live.pollUntil(() -> !live.listener.granted.isEmpty(), TIMEOUT));
            assertTrue(publisher.connect(TIMEOUT));
            assertTrue(publishRetained(publisher, topic, "kept", 1) > 0);
            assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));
            assertTrue(live.pollUntil(() -> !live.listener.messages.isEmpty(), TIMEOUT));
            // a subscriber that was already there gets it as a live message [MQTT-3.3.1-9]
            assertEquals(List.of(new RecordingListener.Message(topic, "kept", 1, false)), live.listener.messages);

            try (Engine later = new Engine(broker.host(), broker.port(), Engine.config("rt-later-" + kind, true, version), null)) {
                assertTrue(later.connect(TIMEOUT));
                later.subscribe(topic, 2);
                assertTrue(later.pollUntil(() -> !later.listener.messages.isEmpty(), TIMEOUT), "no retained message");
                assertEquals(List.of(new RecordingListener.Message(topic, "kept", 1, true)), later.listener.messages);
            }

            // a retained message with an empty payload removes it [MQTT-3.3.1-10]
            assertTrue(publishRetained(publisher, topic, "", 1) > 0);
            assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));
            try (Engine last = new Engine(broker.host(), broker.port(), Engine.config("rt-last-" + kind, true, version), null)) {
                assertTrue(last.connect(TIMEOUT));
                last.subscribe(topic, 1);
                assertTrue(last.pollUntil(() -> !last.listener.granted.isEmpty(), TIMEOUT));
                last.pollFor(Duration.ofMillis(300));
                assertEquals(List.of(), last.listener.messages);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void offlineMessagesArriveOnceAfterThePersistentSessionResumes(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic1 = "tern/proof/offline/" + kind + "/q1";
        String topic2 = "tern/proof/offline/" + kind + "/q2";
        int count = 15;
        try (Engine subscriber = new Engine(broker.host(), broker.port(), Engine.config("off-sub-" + kind, false, version), null);
             Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("off-pub-" + kind, true, version), null)) {
            subscribeBoth(subscriber, topic1, topic2);
            subscriber.client.disconnect(Engine.now());
            assertFalse(subscriber.client.isConnected());

            publishAll(publisher, topic1, topic2, count);

            subscriber.start();
            assertTrue(subscriber.pollUntil(subscriber.client::isConnected, TIMEOUT));
            assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                    last(subscriber.listener.connectionChanges), "the broker must resume the session");
            assertAllArrived(subscriber, count);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void offlineMessagesArriveOnceAfterACutConnectionResumes(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic1 = "tern/proof/offline-cut/" + kind + "/q1";
        String topic2 = "tern/proof/offline-cut/" + kind + "/q2";
        int count = 15;
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
             Engine subscriber = new Engine(proxy.host(), proxy.port(), Engine.config("offc-sub-" + kind, false, version), null);
             Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("offc-pub-" + kind, true, version), null)) {
            subscribeBoth(subscriber, topic1, topic2);
            proxy.cutAll();
            // the subscriber is not polled while the publisher sends: it is offline

            publishAll(publisher, topic1, topic2, count);

            assertTrue(subscriber.pollUntil(() -> subscriber.listener.connectionChanges.size() >= 3, TIMEOUT),
                    () -> "no reconnect: " + subscriber.listener.connectionChanges);
            assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                    subscriber.listener.connectionChanges.get(2), "the broker must resume the session");
            assertAllArrived(subscriber, count);
            assertEquals(2, proxy.connectionsAccepted());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void subscriberWithASmallIncomingTableStillGetsAQos2BacklogExactlyOnce(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/backlog/" + kind;
        int count = 12;
        MqttConfig config = Engine.config("bl-sub-" + kind, false, version);
        config.incomingQos2Slots = 2; // the broker sends up to its inflight window (20) at once
        try (Engine subscriber = new Engine(broker.host(), broker.port(), config, null);
             Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("bl-pub-" + kind, true, version), null)) {
            assertTrue(subscriber.connect(TIMEOUT));
            subscriber.subscribe(topic, 2);
            assertTrue(subscriber.pollUntil(() -> !subscriber.listener.granted.isEmpty(), TIMEOUT));
            subscriber.client.disconnect(Engine.now());
            assertTrue(publisher.connect(TIMEOUT));
            for (int i = 0; i < count; i++) {
                assertTrue(publisher.publishWaiting(topic, "b" + i, 2, TIMEOUT) > 0);
            }
            assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));

            subscriber.start();
            assertTrue(subscriber.pollUntil(() -> subscriber.listener.messages.size() >= count, TIMEOUT),
                    () -> "received " + subscriber.listener.payloads() + " changes "
                            + subscriber.listener.connectionChanges.size());
            subscriber.pollFor(Duration.ofMillis(300));
            for (int i = 0; i < count; i++) {
                assertEquals(1, Wire.count(subscriber.listener, "b" + i), "b" + i + " exactly once");
            }
            if (version == ProtocolLevel.V5 && kind == BrokerKind.HIVEMQ) {
                // MQTT 5: the table's size went out as Receive Maximum and HiveMQ keeps to it: no overflow
                assertEquals(0, subscriber.client.counters().incomingTableFull);
                // up, the test's own disconnect, up again with the backlog: no reconnect of the engine's own
                assertEquals(3, subscriber.listener.connectionChanges.size(), subscriber.listener.connectionChanges::toString);
            } else {
                // 3.1.1 has no way to say it, and mosquitto 2.0.11 overruns a v5 Receive Maximum (its bug,
                // fixed in 2.0.13): the backlog overflows the table; the engine closes and resumes
                assertTrue(subscriber.client.counters().incomingTableFull > 0);
                assertTrue(subscriber.listener.connectionChanges.contains(
                        new RecordingListener.ConnectionChange(false, false, ClientStatus.CLIENT_INCOMING_TABLE_FULL)));
            }
        }
    }

    private static void subscribeBoth(Engine subscriber, String topic1, String topic2) {
        assertTrue(subscriber.connect(TIMEOUT), "subscriber did not connect");
        assertEquals(new RecordingListener.ConnectionChange(true, false, ClientStatus.OK),
                subscriber.listener.connectionChanges.get(0), "a new client id has no session");
        subscriber.subscribe(topic1, 1);
        subscriber.subscribe(topic2, 2);
        assertTrue(subscriber.pollUntil(() -> subscriber.listener.granted.size() == 2, TIMEOUT), "no SUBACK");
        assertEquals(1, subscriber.client.grantedQos(0));
        assertEquals(2, subscriber.client.grantedQos(1));
    }

    private static void publishAll(Engine publisher, String topic1, String topic2, int count) {
        assertTrue(publisher.connect(TIMEOUT), "publisher did not connect");
        for (int i = 0; i < count; i++) {
            assertTrue(publisher.publishWaiting(topic1, "one-" + i, 1, TIMEOUT) > 0);
            assertTrue(publisher.publishWaiting(topic2, "two-" + i, 2, TIMEOUT) > 0);
        }
        assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT), "not all acknowledged");
        assertEquals(2L * count, publisher.listener.completedOk());
    }

    private static void assertAllArrived(Engine subscriber, int count) {
        assertTrue(subscriber.pollUntil(() -> subscriber.listener.messages.size() >= 2 * count, TIMEOUT),
                () -> "received " + subscriber.listener.messages.size() + " of " + 2 * count + ": "
                        + subscriber.listener.payloads());
        subscriber.pollFor(Duration.ofMillis(300));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (Wire.count(subscriber.listener, "one-" + i) < 1) {
                missing.add("one-" + i); // QoS 1: at least once
            }
            assertEquals(1, Wire.count(subscriber.listener, "two-" + i), "QoS 2 message two-" + i + " exactly once");
        }
        assertEquals(List.of(), missing, "QoS 1 messages lost");
        assertTrue(subscriber.listener.messages.stream()
                .allMatch(m -> m.qos() == (m.payload().startsWith("one-") ? 1 : 2)));
    }

    private static int publishRetained(Engine publisher, String topic, String payload, int qos) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return publisher.client.publish(t, 0, t.length, p, 0, p.length, qos, true);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
