package dev.tern.bench.powercut;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;

/**
 * A small power-cut run on one board's flash model (the STM32F746G-DISCO's QSPI session region):
 * cuts inside record programs, unit erases and checkpoints and between flash operations; nothing
 * accepted is lost, nothing at QoS 2 arrives twice, every boot restores the session.
 */
@Tag("mosquitto")
@Timeout(240)
class BoardCutRunTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void cutsInProgramsErasesAndCheckpointsLoseNothingAndDuplicateNothing(MqttVersion mqtt) throws Exception {
        BoardCutResult result = BoardCutRun.run(new BoardLoader().load("stm32f746g-disco"), mqtt, 40, 7,
                BROKERS.get(BrokerKind.MOSQUITTO), folder);
        System.out.println("[board powercut] " + result.toMap());
        assertAll(
                () -> assertEquals("", result.problems()),
                () -> assertEquals(40, result.cuts().cuts()),
                () -> assertEquals(41, result.boots(), "40 cut lives and the last one"),
                () -> assertEquals(result.boots(), result.restoresOk(), "every boot restored"),
                () -> assertTrue(result.cuts().programs() > 0, "cuts inside record programs"),
                () -> assertTrue(result.cuts().erases() > 0, "cuts inside unit erases"),
                () -> assertTrue(result.cuts().checkpoints() > 0, "cuts inside checkpoints"),
                () -> assertTrue(result.cuts().between() > 0, "cuts between flash operations"),
                () -> assertTrue(result.restores().tornTail() > 0, "restores found torn saves and dropped them"),
                () -> assertTrue(result.flows().stream().allMatch(f -> f.accepted() > 0), "every flow carried messages"),
                () -> assertTrue(result.erases() > 0, "erases counted"),
                () -> assertTrue(result.guaranteeHolds(), "flows: " + result.flows()));
    }

    @Test
    void eachRunBootsOnAFlashOfItsOwn() throws Exception {
        // --mqtt both: the MQTT 5 run after the 3.1.1 one, in the same folder; sharing the flash file it
        // booted on the 3.1.1 session and counted that run's erases as its own (twice the erases per message)
        BoardCutResult first = BoardCutRun.run(new BoardLoader().load("stm32f746g-disco"), MqttVersion.V3_1_1, 2, 11,
                BROKERS.get(BrokerKind.MOSQUITTO), folder);
        BoardCutResult second = BoardCutRun.run(new BoardLoader().load("stm32f746g-disco"), MqttVersion.V5, 2, 11,
                BROKERS.get(BrokerKind.MOSQUITTO), folder);
        assertAll(
                () -> assertEquals("", first.problems()),
                () -> assertEquals("", second.problems(), "the second run's first boot must find blank flash"));
    }

    @Test
    void aStoreThatForgetsTheSessionAtPowerOffIsCaught() throws Exception {
        // the session region wiped while the power is off: what a store that never reached flash would leave
        BoardCutResult result = BoardCutRun.run(new BoardLoader().load("stm32f746g-disco"), MqttVersion.V3_1_1, 10, 7,
                BROKERS.get(BrokerKind.MOSQUITTO), folder, flash -> {
                    try {
                        flash.eraseAll();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        System.out.println("[board powercut, forgetful store] " + result.toMap());
        assertAll(
                () -> assertFalse(result.ok()),
                () -> assertFalse(result.guaranteeHolds(), "a boot found no session although messages were owed"),
                () -> assertTrue(result.problems().contains("restore STORE_EMPTY"), result.problems()));
    }
}
