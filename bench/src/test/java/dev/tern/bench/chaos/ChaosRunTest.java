package dev.tern.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tern.bench.MqttVersion;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * The chaos suite, short: 1,500 numbered messages through at least 100 cuts (after, before and
 * inside every packet of the QoS flow, plus delays and single-byte splits) of the engine's
 * connection, at QoS 1 and 2, both ways. QoS 1 loses nothing; QoS 2 loses and duplicates
 * nothing. The engine's subscription is fed by HiveMQ CE: mosquitto 2.0.11 drops QoS 2 messages
 * it queued for a reconnecting subscriber (bench/run chaos shows them as lost by the broker).
 * The engine speaks MQTT 3.1.1 at QoS 1 and 2 and MQTT 5 at QoS 2 (the QoS with the most
 * packets to cut), so that CI runs the quick case of each version.
 */
@Tag("mosquitto")
@Tag("hivemq")
@Timeout(120)
class ChaosRunTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @ParameterizedTest(name = "{0} at QoS {1} via {2} in MQTT {3}")
    @CsvSource({
        "ENGINE_TO_SUBSCRIBER, 1, MOSQUITTO, V3_1_1",
        "ENGINE_TO_SUBSCRIBER, 2, MOSQUITTO, V3_1_1",
        "PUBLISHER_TO_ENGINE, 1, HIVEMQ, V3_1_1",
        "PUBLISHER_TO_ENGINE, 2, HIVEMQ, V3_1_1",
        "ENGINE_TO_SUBSCRIBER, 2, MOSQUITTO, V5",
        "PUBLISHER_TO_ENGINE, 2, HIVEMQ, V5"
    })
    void numberedMessagesSurviveAHundredCuts(Flow flow, int qos, BrokerKind kind, MqttVersion mqtt) throws Exception {
        TestBroker broker = BROKERS.get(kind);
        ChaosResult result = ChaosRun.run(new ChaosSettings(flow, qos, 1_500, 100, 42 + qos, Duration.ofSeconds(90), true,
                mqtt), broker);
        System.out.println("[chaos] " + result.toMap());
        assertAll(
                () -> assertEquals("", result.problems(), "the run can be trusted"),
                () -> assertEquals(1_500, result.sent()),
                () -> assertTrue(result.cuts() >= 100, "at least 100 cuts: " + result.cuts()),
                () -> assertEquals(0, result.lost(), "none lost, first: " + result.firstLost()),
                () -> {
                    if (qos == 2) {
                        assertEquals(0, result.duplicated(), "QoS 2: none duplicated");
                    }
                },
                () -> assertTrue(result.cutsByKind().values().stream().allMatch(n -> n > 0),
                        "every kind of cut fired: " + result.cutsByKind()));
    }
}
