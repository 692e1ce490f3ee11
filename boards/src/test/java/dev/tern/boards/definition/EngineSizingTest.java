package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineSizingTest {

    private final BoardLoader loader = new BoardLoader();

    @Test
    void staticRamFollowsTheDocumentedFormula() {
        EngineSizing f746 = new EngineSizing(16, 256, 1024, 4096, 4096);
        // 30*16 + 4096 + 2*256 + 3*1024 + 4096 + (9*16 + 2*256 + 512 journal) + 2048
        assertEquals(15472, f746.ramBytes());
        assertEquals(15472 + 1000, new EngineSizing(16, 256, 1024, 5096, 4096).ramBytes(), "one pool byte, one RAM byte");
        assertEquals(15472 + 4, new EngineSizing(16, 257, 1024, 4096, 4096).ramBytes(), "one incoming id, four bytes");
        assertEquals(15472, loader.load("stm32f746g-disco").engineRamBytes());
        // 30*32 + 16384 + 2*256 + 3*2048 + 16384 + (9*32 + 2*256 + 512 journal) + 2048
        assertEquals(43744, loader.load("imxrt1170-evk").engineRamBytes());
    }

    /**
     * The engine's 16 KiB goal at the virtual board's sizing, with room left for object headers (the
     * footprint suite measures about 1.4 KB of them in the heap, part of it inside this estimate's
     * rounding). The incoming table's 256 ids (1 KB with the journal's shadow) took 0.1 KB of the 1 KB
     * reserve kept here before: room for what mosquitto 2.0.11 sends beyond its window (182 seen).
     */
    @Test
    void virtualBoardSizingStaysUnder16KiB() {
        BoardDefinition virtual = loader.load("virtual");
        assertEquals(new EngineSizing(16, 256, 1024, 4096, 4096), virtual.engine());
        assertTrue(virtual.engineRamBytes() <= 16 * 1024 - 896, "estimate " + virtual.engineRamBytes());
    }

    @Test
    void toConfigCarriesEverySize() {
        MqttConfig config = new EngineSizing(8, 10, 512, 2048, 1024).toConfig();
        assertEquals(8, config.outgoingSlots);
        assertEquals(10, config.incomingQos2Slots);
        assertEquals(512, config.maxPacketSize);
        assertEquals(2048, config.outgoingPoolBytes);
        assertEquals(1024, config.offlineQueueBytes);
    }

    /** The engine's own session journal, on the board's session region, holds two checkpoints of its largest session. */
    @ParameterizedTest
    @MethodSource("dev.tern.boards.definition.BundledBoardsTest#ids")
    void theEnginesSessionJournalFitsTheBoardsSessionRegion(String id) {
        BoardDefinition board = loader.load(id);
        int size = (int) board.sessionPages().size();
        SessionStore store = new SessionStore(new FlashFake(size / board.sessionPageSize(), board.sessionPageSize()));
        Session session = board.engine().newSession();
        assertEquals(SessionStatus.OK, store.fits(session), id);
        int checkpoint = board.engine().checkpointUnits(size, board.sessionPageSize());
        assertEquals(store.checkpointUnits(session), checkpoint, "the sizing region sizes as real flash does");
        assertTrue(checkpoint > 0 && 2 * checkpoint <= size / board.sessionPageSize(), id + ": " + checkpoint);
    }
}
