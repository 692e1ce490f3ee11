package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineSizingTest {

    private final BoardLoader loader = new BoardLoader();

    @Test
    void staticRamFollowsTheDocumentedFormula() {
        EngineSizing f746 = new EngineSizing(16, 20, 1024, 8192);
        // 16*(1024+26) + 4*20 + 5*1024 + 8192 + 32768 + 2048
        assertEquals(65008, f746.ramBytes(32768));
        // a board counts one largest session image for the store, not half its session region
        BoardDefinition disco = loader.load("stm32f746g-disco");
        assertEquals(f746.ramBytes(f746.sessionAreaBytesNeeded()), disco.engineRamBytes());
        assertTrue(disco.engineRamBytes() < f746.ramBytes(disco.sessionPages().size() / 2));
    }

    /** The engine's own SessionStore, on the board's session pages, holds the engine's largest session. */
    @ParameterizedTest
    @MethodSource("dev.tern.boards.definition.BundledBoardsTest#ids")
    void theEnginesSessionStoreFitsTheBoardsSessionPages(String id) {
        BoardDefinition board = loader.load(id);
        EngineSizing engine = board.engine();
        SessionStore store = new SessionStore(new BlankFlash((int) board.sessionPages().size(), board.sessionPageSize()));
        Session session = new Session(engine.outgoingSlots(), engine.maxPacketSize(), engine.incomingQos2Slots(),
                engine.offlineQueueBytes(), OfflineQueue.REFUSE);
        assertTrue(store.maxImageLength() >= session.maxImageLength(),
                id + ": store holds " + store.maxImageLength() + ", session needs " + session.maxImageLength());
        assertEquals(board.sessionAreaBytes(), store.maxImageLength() + SessionStore.HEADER_LENGTH);
        assertEquals(session.maxImageLength(), engine.maxSessionImageBytes());
    }

    /** Erased flash of a given size; enough for SessionStore to size its areas. */
    private static final class BlankFlash implements NonVolatileStorage {

        private final byte[] bytes;
        private final int pageSize;

        BlankFlash(int size, int pageSize) {
            this.bytes = new byte[size];
            this.pageSize = pageSize;
            Arrays.fill(bytes, (byte) 0xFF);
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public int read(int address, byte[] destination, int offset, int length) {
            System.arraycopy(bytes, address, destination, offset, length);
            return OK;
        }

        @Override
        public int program(int address, byte[] source, int offset, int length) {
            for (int i = 0; i < length; i++) {
                bytes[address + i] &= source[offset + i];
            }
            return OK;
        }

        @Override
        public int erase(int pageIndex) {
            Arrays.fill(bytes, pageIndex * pageSize, (pageIndex + 1) * pageSize, (byte) 0xFF);
            return OK;
        }
    }
}
