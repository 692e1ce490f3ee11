package dev.tern.bench.wirebytes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.testsupport.MosquittoBroker;

/**
 * The wirebytes count, against mosquitto in MQTT 3.1.1: every byte of every reading's flow and
 * nothing else. A 3.1.1 PUBLISH of a short reading is 1 byte of type, 1 of remaining length, 2 of
 * topic length, the topic, 2 of packet id at QoS 1/2 and the payload; PUBACK, PUBREC, PUBREL and
 * PUBCOMP 4 bytes each.
 */
@Tag("mosquitto")
@Timeout(60)
class WireBytesRunTest {

    private static final int READINGS = 20;
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void countsEachReadingsPublishAndAcknowledgementsExactly(int qos) {
        WireBytesRun.Result result = WireBytesRun.run(WireVariant.V3_1_1, qos, READINGS, broker.host(), broker.port(), 30_000);

        long payloads = payloadBytes();
        int topic = SensorReading.topic().length;
        long publishes = READINGS * (2L + 2 + topic + (qos > 0 ? 2 : 0)) + payloads;
        assertAll(
                () -> assertEquals(4, result.connectVersion(), "a 3.1.1 CONNECT"),
                () -> assertEquals(payloads, result.payloadBytes()),
                () -> assertEquals(publishes + (qos == 2 ? 4L * READINGS : 0), result.bytesOut(), "PUBLISH (and PUBREL)"),
                () -> assertEquals(4L * READINGS * qos, result.bytesIn(), "PUBACK, or PUBREC and PUBCOMP"));
    }

    /** The payloads the run publishes, added up. */
    private static long payloadBytes() {
        long bytes = 0;
        for (int seq = 1; seq <= READINGS; seq++) {
            bytes += SensorReading.payload(seq, 100_000L + 1_000L * seq).length;
        }
        return bytes;
    }
}
