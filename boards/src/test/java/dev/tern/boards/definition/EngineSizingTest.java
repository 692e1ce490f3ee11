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
        EngineSizing f746 = new EngineSizing(16, 20, 1024, 4096, 4096);
        // 30*16 + 4096 + 4*20 + 3*1024 + 4096 + (9*16 + 4*20 + 512 journal) + 2048
        assertEquals(14608, f746.ramBytes());
        assertEquals(14608 + 1000, new EngineSizing(16, 20, 1024, 5096, 4096).ramBytes(), "one pool byte, one RAM byte");
        assertEquals(14608, loader.load("stm32f746g-disco").engineRamBytes());
        // 30*32 + 16384 + 4*32 + 3*2048 + 16384 + (9*32 + 4*32 + 512 journal) + 2048
        assertEquals(42976, loader.load("imxrt1170-evk").engineRamBytes());
    }

    /** The engine's 16 KiB goal at the virtual board's sizing, with room left for the session store's own RAM. */
    @Test
    void virtualBoardSizingStaysUnder16KiB() {
        BoardDefinition virtual = loader.load("virtual");
        assertEquals(new EngineSizing(16, 20, 1024, 4096, 4096), virtual.engine());
        assertTrue(virtual.engineRamBytes() <= 16 * 1024 - 1024, "estimate " + virtual.engineRamBytes());
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
