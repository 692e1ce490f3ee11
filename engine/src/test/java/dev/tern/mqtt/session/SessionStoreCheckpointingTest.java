package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.testing.FlashFake;

/** {@link SessionStore#checkpointing()} as seen from inside the flash calls of a save (what the powercut bench asks). */
class SessionStoreCheckpointingTest {

    /** Flash that notes, at each program, whether the store says it is checkpointing. */
    private static final class Watching implements NonVolatileStorage {
        private final FlashFake flash = new FlashFake(8, 512);
        SessionStore store;
        int programsInCheckpoint;
        int programsOutside;

        @Override
        public int size() {
            return flash.size();
        }

        @Override
        public int pageSize() {
            return flash.pageSize();
        }

        @Override
        public int read(int address, byte[] destination, int offset, int length) {
            return flash.read(address, destination, offset, length);
        }

        @Override
        public int program(int address, byte[] source, int offset, int length) {
            if (store.checkpointing()) {
                programsInCheckpoint++;
            } else {
                programsOutside++;
            }
            return flash.program(address, source, offset, length);
        }

        @Override
        public int erase(int pageIndex) {
            return flash.erase(pageIndex);
        }
    }

    @Test
    void trueWhileACheckpointIsWrittenAndFalseForADelta() {
        Watching flash = new Watching();
        SessionStore store = new SessionStore(flash);
        flash.store = store;
        Session session = SessionFixtures.fullSession(1);

        assertEquals(SessionStatus.OK, store.save(session)); // the first save is a checkpoint
        int inCheckpoint = flash.programsInCheckpoint;
        assertEquals(0, flash.programsOutside, "every program of the first save");
        assertFalse(store.checkpointing(), "after the save");

        session.incoming().store(4242);
        assertEquals(SessionStatus.OK, store.save(session)); // a delta
        assertEquals(inCheckpoint, flash.programsInCheckpoint);
        assertTrue(flash.programsOutside > 0, "the delta's programs");
        assertFalse(store.checkpointing());
    }
}
