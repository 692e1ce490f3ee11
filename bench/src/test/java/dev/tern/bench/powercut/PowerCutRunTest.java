package dev.tern.bench.powercut;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tern.bench.MqttVersion;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;

/**
 * The powercut suite, short: 10 power cuts of the virtual board running the sensor firmware,
 * at random instants and inside session erases and programs (the boards module's end-to-end
 * test cuts at instants and at four fixed flash byte counts; this mixes both at random byte
 * counts). No QoS 1/2 seq lost or reused, no QoS 2 duplicate, every boot restores the session.
 * Once with the firmware set to MQTT 3.1.1 and once to MQTT 5 ({@code mqtt.version}).
 */
@Tag("mosquitto")
@Timeout(120)
class PowerCutRunTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void tenPowerCutsInsideAndBetweenFlashWritesLoseNoReadingAndEveryBootResumes(MqttVersion mqtt) throws Exception {
        PowerCutResult result = PowerCutRun.run(mqtt, 10, 5, BROKERS.get(BrokerKind.MOSQUITTO), folder);
        System.out.println("[powercut] " + result.toMap());
        assertAll(
                () -> assertEquals("", result.problems()),
                () -> assertEquals(10, result.boots()),
                () -> assertEquals(10, result.bootsRestored(), "every boot restored the session"),
                () -> assertTrue(result.flashCuts() > 0, "some cuts landed inside flash writes"),
                () -> assertTrue(result.guaranteeHolds(), "sequences: " + result.sensors()));
    }
}
