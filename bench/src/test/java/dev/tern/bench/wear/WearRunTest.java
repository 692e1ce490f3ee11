package dev.tern.bench.wear;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.SessionLife;
import dev.tern.mqtt.session.JournalFormat;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;

/**
 * The wear suite's counting, on a tiny run against mosquitto: the erases the flash model counts
 * are the store's own, and the bytes programmed follow the journal's cost per message. No timing
 * is asserted.
 */
@Tag("mosquitto")
@Timeout(120)
class WearRunTest {

    private static final int MESSAGES = 100;
    /** The reading WearRun publishes: the sensor's topic and payload lengths. */
    private static final int PUBLISH_LENGTH = SessionLife.sensorPublishLength();

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @TempDir
    Path folder;

    private final BoardDefinition board = new BoardLoader().load("stm32f7508-dk");

    private WearResult run(int qos, boolean outgoing, boolean sensorSequence) throws Exception {
        return WearRun.run(new WearSettings(board, qos, outgoing, MESSAGES, sensorSequence, Duration.ofSeconds(60),
                MqttVersion.V3_1_1),
                BROKERS.get(BrokerKind.MOSQUITTO), Files.createTempDirectory(folder, "cell")); // a fresh flash per run
    }

    @Test
    void qos1ErasesCountedByTheFlashAreTheStoresOwn() throws Exception {
        WearResult result = run(1, true, false);

        long perMessage = JournalFormat.bytesPerMessage(1, true, PUBLISH_LENGTH);
        assertAll(() -> assertEquals("", result.problems()),
                () -> assertEquals(MESSAGES, result.completed()),
                () -> assertTrue(result.erases() >= 3, "about 16 KB of journal in 4 KB units: " + result.erases()),
                () -> assertEquals(result.storeErases(), result.erases()),
                // one transaction per durable step, plus a unit header per unit opened
                () -> assertTrue(result.bytesProgrammed() >= MESSAGES * perMessage
                        && result.bytesProgrammed() <= MESSAGES * perMessage + (result.erases() + 1) * JournalFormat.HEADER_LENGTH,
                        result.bytesProgrammed() + " for " + perMessage + " per message"),
                () -> assertEquals(board.sessionEraseUnits(), result.unitErases().length),
                () -> assertTrue(sum(result.unitErases()) >= result.erases()),
                () -> assertTrue(result.ok()));
    }

    @Test
    void theSensorsSequenceAddsOneApplicationDataRecordPerMessage() throws Exception {
        WearResult plain = run(1, true, false);
        WearResult sensor = run(1, true, true);

        long extra = sensor.bytesProgrammed() - plain.bytesProgrammed();
        long headers = (sensor.erases() - plain.erases() + 1) * JournalFormat.HEADER_LENGTH;
        assertTrue(extra >= (long) MESSAGES * SessionLife.SENSOR_SEQUENCE_RECORD
                && extra <= (long) MESSAGES * SessionLife.SENSOR_SEQUENCE_RECORD + headers, extra + " more bytes");
    }

    @Test
    void qos0FromTheEngineWithNoQueueProgramsNothing() throws Exception {
        WearResult result = run(0, true, false);

        assertEquals(MESSAGES, result.completed());
        assertEquals(0, result.bytesProgrammed());
        assertEquals(0, result.erases());
        assertEquals(0, result.stalls().flashCalls(), "no engine call used the flash");
    }

    @Test
    void qos0WithTheSensorsSequenceStoresItLazily() throws Exception {
        WearResult result = run(0, true, true);

        assertEquals(MESSAGES, result.completed());
        // one lazy save per reading: BEGIN, APPLICATION_DATA, COMMIT
        long perMessage = SessionLife.SENSOR_SEQUENCE_RECORD + 2L * JournalFormat.RECORD_OVERHEAD + 1 + 2;
        assertTrue(result.bytesProgrammed() >= MESSAGES * perMessage
                && result.bytesProgrammed() <= MESSAGES * perMessage + (result.erases() + 1) * JournalFormat.HEADER_LENGTH,
                result.bytesProgrammed() + " for " + perMessage + " per message");
        assertEquals(result.storeErases(), result.erases());
    }

    @Test
    void qos2ReceivedStoresAndReleasesEachId() throws Exception {
        WearResult result = run(2, false, false);

        assertEquals(MESSAGES, result.completed());
        assertEquals(result.storeErases(), result.erases());
        assertTrue(result.bytesProgrammed() >= MESSAGES * (long) JournalFormat.bytesPerMessage(2, false, PUBLISH_LENGTH),
                result.bytesProgrammed() + " bytes");
    }

    private static long sum(int[] counts) {
        long sum = 0;
        for (int count : counts) {
            sum += count;
        }
        return sum;
    }
}
