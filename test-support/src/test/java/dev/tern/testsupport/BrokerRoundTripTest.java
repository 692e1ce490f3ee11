package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("mosquitto")
@Tag("hivemq")
class BrokerRoundTripTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void pahoMessageRoundTripsAtQos1(final BrokerKind kind) throws Exception {
        assertRoundTrip(BROKERS.get(kind), 1);
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void pahoMessageRoundTripsAtQos2(final BrokerKind kind) throws Exception {
        assertRoundTrip(BROKERS.get(kind), 2);
    }

    private static void assertRoundTrip(final TestBroker broker, final int qos) throws Exception {
        final String topic = "tern/roundtrip/" + broker.name() + "/qos" + qos;
        try (MqttTestClient subscriber = MqttTestClient.connect(broker, "tern-rt-sub-q" + qos, true);
             MqttTestClient publisher = MqttTestClient.connect(broker, "tern-rt-pub-q" + qos, true)) {
            assertEquals(qos, subscriber.subscribe(topic, qos), "granted QoS");
            publisher.publish(topic, "reading 21.5 at qos " + qos, qos);

            final MqttTestClient.Received received = subscriber.nextMessage();
            assertNotNull(received, "no message from " + broker + " within 10 s");
            assertEquals(topic, received.topic());
            assertEquals("reading 21.5 at qos " + qos, received.payload());
            assertEquals(qos, received.qos());
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void mosquittoClientsRoundTripAtQos1(final BrokerKind kind) {
        final TestBroker broker = BROKERS.get(kind);
        final String topic = "tern/cli/" + broker.name();
        try (MosquittoSubscription subscription = MosquittoClients.subscribe(broker, topic, 1)) {
            assertEquals(1, subscription.grantedQos());
            MosquittoClients.publish(broker, topic, "from mosquitto_pub", 1);

            assertEquals(new MosquittoSubscription.Message(topic, "from mosquitto_pub"), subscription.nextMessage(WAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void pahoPublishReachesMosquittoSub(final BrokerKind kind) throws Exception {
        final TestBroker broker = BROKERS.get(kind);
        final String topic = "tern/cross/" + broker.name();
        try (MosquittoSubscription subscription = MosquittoClients.subscribe(broker, topic, 1);
             MqttTestClient publisher = MqttTestClient.connect(broker, "tern-cross-pub", true)) {
            publisher.publish(topic, "from paho", 1);

            assertEquals("from paho", subscription.nextMessage(WAIT).payload());
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void brokerListensOnLoopbackAndLogsToItsOwnFolder(final BrokerKind kind) throws Exception {
        final TestBroker broker = BROKERS.get(kind);
        assertEquals("127.0.0.1", broker.host());
        assertEquals("tcp://127.0.0.1:" + broker.port(), broker.serverUri());
        try (MqttTestClient client = MqttTestClient.connect(broker, "tern-log-check", true)) {
            client.publish("tern/log-check", "x", 1);
        }
        assertTrue(Files.size(broker.logFile()) > 0, "empty log " + broker.logFile());
        assertTrue(broker.logFile().getParent().equals(broker.persistenceFolder().getParent()),
                "log " + broker.logFile() + " and persistence " + broker.persistenceFolder() + " share the broker's folder");
    }
}
