package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.session.JournalFormat;

class SessionLifeTest {

    private final BoardLoader loader = new BoardLoader();

    /** Issue 11's goal: every bundled board's session region lasts 10 years at 3 x 1 reading/s, QoS 1 and 2. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.tern.boards.definition.BundledBoardsTest#ids")
    void everyBundledBoardsSessionRegionLastsTenYears(String id) {
        BoardDefinition board = loader.load(id);
        for (int qos = 1; qos <= 2; qos++) {
            SessionLife.Projection life = SessionLife.project(board, qos);
            assertTrue(life.years() >= 10, id + " QoS " + qos + ": " + life);
        }
    }

    @Test
    void theSensorsPublishIsCountedByteByByte() {
        // topic 46 bytes, payload 44: remaining length 2 + 46 + 2 (packet id) + 44 = 94, one length byte
        assertEquals(46, SessionLife.SENSOR_TOPIC.length());
        assertEquals(44, SessionLife.SENSOR_PAYLOAD.length());
        assertEquals(1 + 1 + 94, SessionLife.sensorPublishLength());
        // remaining length 128 needs a second length byte
        assertEquals(1 + 2 + 128, SessionLife.publishLength(100, 24));
        assertEquals(1 + 1 + 127, SessionLife.publishLength(100, 23));
    }

    @Test
    void yearsAreEnduranceOverTheYearlyErasesOfOneUnit() {
        // one erase per unit every 1,000 messages: 94,672.8 erases a year
        assertEquals(100_000 / 94_672.8, SessionLife.years(100_000, 0.001), 1e-9);
        assertEquals(99_999 / 94_672.8, SessionLife.years(100_000, 0.001, 1), 1e-9, "a unit one erase ahead");
        assertEquals(Double.POSITIVE_INFINITY, SessionLife.years(10, 0));
    }

    @Test
    void checkpointOverheadIsTheShareOfEachCycleNotFilledWithDeltas() {
        // 512 units, checkpoint 9: a cycle moves 502 units, 500 of them deltas
        assertEquals(502.0 / 500, SessionLife.unitsWrittenPerUnitOfDeltas(512, 9), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, SessionLife.unitsWrittenPerUnitOfDeltas(4, 1));
    }

    @Test
    void everyBoardProjectsFromItsOwnRegionAndEndurance() {
        for (String id : loader.list()) {
            BoardDefinition board = loader.load(id);
            SessionLife.Projection qos1 = SessionLife.project(board, 1);
            SessionLife.Projection qos2 = SessionLife.project(board, 2);
            assertEquals(board.sessionEraseUnits(), qos1.units(), id);
            assertEquals(board.sessionEndurance(), qos1.endurance(), id);
            // the sensor's seq: an APPLICATION_DATA record of 32 bytes in the add transaction
            assertEquals(JournalFormat.bytesPerMessage(2, true, SessionLife.sensorPublishLength()) + 7 + 32,
                    qos2.bytesPerMessage(), id);
            assertTrue(qos1.checkpointUnits() > 0 && 2 * qos1.checkpointUnits() <= qos1.units(), id + ": " + qos1);
            assertTrue(qos2.years() < qos1.years(), id + ": QoS 2 writes more per message");
            // perfect spreading of the journal bytes alone is an upper bound; the overheads cost under a fifth
            double bound = (double) board.sessionEndurance() * board.sessionPages().size()
                    / (qos1.bytesPerMessage() * SessionLife.MESSAGES_PER_YEAR);
            assertTrue(qos1.years() < bound && qos1.years() > 0.8 * bound, id + ": " + qos1.years() + " vs " + bound);
        }
    }
}
