package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/** Publish and subscribe through a real broker, engine to engine, at each QoS. */
@Tag("mosquitto")
@Tag("hivemq")
class BrokerRoundTripTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @ParameterizedTest
    @MethodSource("dev.tern.mqtt.client.Engine#brokersAndVersions")
    void deliversEveryMessageInOrderAtEachQos(BrokerKind kind, int version) {
        TestBroker broker = BROKERS.get(kind);
        for (int qos = 0; qos <= 2; qos++) {
            String topic = "tern/roundtrip/" + kind + "/" + qos;
            try (Engine subscriber = new Engine(broker.host(), broker.port(), Engine.config("sub-" + qos, true, version), null);
                 Engine publisher = new Engine(broker.host(), broker.port(), Engine.config("pub-" + qos, true, version), null)) {
                assertTrue(subscriber.connect(TIMEOUT), "subscriber did not connect");
                assertTrue(subscriber.subscribe(topic, qos) > 0);
                assertTrue(subscriber.pollUntil(() -> !subscriber.listener.granted.isEmpty(), TIMEOUT), "no SUBACK");
                assertEquals(qos, subscriber.client.grantedQos(0));
                assertTrue(publisher.connect(TIMEOUT), "publisher did not connect");

                int count = 50;
                for (int i = 0; i < count; i++) {
                    int result = publisher.publishWaiting(topic, "m" + i, qos, TIMEOUT);
                    assertTrue(result >= 0, "publish refused: " + ClientStatus.name(result));
                    publisher.client.poll(Engine.now());
                    subscriber.client.poll(Engine.now());
                }
                assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT), "not all acknowledged");
                assertTrue(subscriber.pollUntil(() -> subscriber.listener.messages.size() >= count, TIMEOUT),
                        () -> "received " + subscriber.listener.messages.size() + " of " + count + "; trace: "
                                + subscriber.trace.lines + " changes: " + subscriber.listener.connectionChanges);
                subscriber.pollFor(Duration.ofMillis(200));

                List<String> expected = IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
                assertEquals(expected, subscriber.listener.payloads());
                final int expectedQos = qos;
                assertTrue(subscriber.listener.messages.stream().allMatch(m -> m.qos() == expectedQos));
                if (qos > 0) {
                    assertEquals(count, publisher.listener.completedOk());
                }
            }
        }
    }
}
