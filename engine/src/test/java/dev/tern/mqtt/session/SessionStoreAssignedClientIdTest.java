package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;

/**
 * The broker's Assigned Client Identifier kept in the session journal: saved as a small delta,
 * carried by every checkpoint, restored by a new store on the same flash, and power-cut safe (a cut
 * anywhere in its save restores the old id or the new one, never a mix, never a damaged session).
 */
class SessionStoreAssignedClientIdTest {

    private static final int ROOM = 128;
    private static final byte[] ID = "auto-3F2504E0-4F89-11D3-9A0C-0305E82C3301".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_ID = "auto-OTHER".getBytes(StandardCharsets.US_ASCII);

    private static Session sessionWithRoom(int room) {
        return new Session(SessionFixtures.OUTGOING, SessionFixtures.MAX_PACKET, SessionFixtures.OUTGOING
                * SessionFixtures.MAX_PACKET, SessionFixtures.INCOMING, SessionFixtures.OFFLINE_BYTES,
                OfflineQueue.REFUSE, room);
    }

    private static byte[] idOf(Session session) {
        AssignedClientId id = session.assignedClientId();
        return Arrays.copyOf(id.bytes(), id.length());
    }

    private static void addPublish(Session session, int packetId) {
        byte[] packet = SessionFixtures.packet(packetId, 20);
        int slot = session.outgoing().add(packetId, 1, QosStates.PUBACK_PENDING, 0, packet, 0, packet.length);
        assertTrue(slot >= 0, SessionStatus.name(slot));
    }

    @Test
    void anIdSavedAsADeltaIsRestoredByANewStore() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = sessionWithRoom(ROOM);
        SessionStore store = new SessionStore(flash);
        addPublish(session, 7);
        assertEquals(SessionStatus.OK, store.save(session)); // the first save: a checkpoint without an id
        long before = store.bytesProgrammed();

        assertEquals(SessionStatus.OK, session.assignedClientId().set(ID, 0, ID.length));
        assertEquals(SessionStatus.OK, store.save(session));
        assertEquals(JournalFormat.transactionLength(1, ID.length), store.bytesProgrammed() - before,
                "a delta of the id alone: BEGIN, the id's record, COMMIT");

        Session restored = sessionWithRoom(ROOM);
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(ID, idOf(restored));
        assertEquals(1, restored.outgoing().size(), "the rest of the session is kept");
    }

    @Test
    void anUnchangedIdIsNotWrittenAgain() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = sessionWithRoom(ROOM);
        SessionStore store = new SessionStore(flash);
        session.assignedClientId().set(ID, 0, ID.length);
        assertEquals(SessionStatus.OK, store.save(session));
        long before = store.bytesProgrammed();

        session.assignedClientId().set(ID.clone(), 0, ID.length); // the broker names the same id again
        assertEquals(SessionStatus.OK, store.save(session));
        assertEquals(before, store.bytesProgrammed());
    }

    @Test
    void everyCheckpointCarriesTheId() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = sessionWithRoom(ROOM);
        SessionStore store = new SessionStore(flash);
        session.assignedClientId().set(ID, 0, ID.length);
        assertEquals(SessionStatus.OK, store.save(session));
        // round the ring twice: the unit of the delta that stored the id is erased, so only the
        // checkpoints written since can still hold it
        for (int round = 0; flash.erases() < 16; round++) {
            addPublish(session, 20 + round % 1000);
            assertEquals(SessionStatus.OK, store.save(session));
            session.outgoing().release(session.outgoing().find(20 + round % 1000));
            assertEquals(SessionStatus.OK, store.save(session));
            assertTrue(round < 10_000, "the log does not move");
        }

        Session restored = sessionWithRoom(ROOM);
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(ID, idOf(restored));
    }

    @Test
    void aClearedIdIsRestoredAsNone() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = sessionWithRoom(ROOM);
        SessionStore store = new SessionStore(flash);
        session.assignedClientId().set(ID, 0, ID.length);
        assertEquals(SessionStatus.OK, store.save(session));
        session.assignedClientId().clear();
        assertEquals(SessionStatus.OK, store.save(session));

        Session restored = sessionWithRoom(ROOM);
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertEquals(0, restored.assignedClientId().length());
    }

    @Test
    void aTooLongIdIsRefusedAndTheKeptOneStays() {
        Session session = sessionWithRoom(ID.length);
        assertEquals(SessionStatus.OK, session.assignedClientId().set(ID, 0, ID.length));
        int changes = session.assignedClientId().changes();
        byte[] longer = Arrays.copyOf(ID, ID.length + 1);

        assertEquals(SessionStatus.ASSIGNED_ID_TOO_LONG, session.assignedClientId().set(longer, 0, longer.length));
        assertArrayEquals(ID, idOf(session));
        assertEquals(changes, session.assignedClientId().changes(), "nothing for the journal to write");
    }

    @Test
    void aConfigurationWithoutRoomDropsTheStoredIdAndReportsIt() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = sessionWithRoom(ROOM);
        addPublish(session, 3);
        session.assignedClientId().set(ID, 0, ID.length);
        assertEquals(SessionStatus.OK, new SessionStore(flash).save(session));

        Session noRoom = sessionWithRoom(0); // the board has a client id of its own now
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(noRoom));
        assertEquals(0, noRoom.assignedClientId().length());
        assertEquals(1, store.report().doesNotFit());
        assertEquals(1, noRoom.outgoing().size(), "the rest of the session is kept");
    }

    @Test
    void aCutAnywhereInTheIdsSaveRestoresTheOldIdOrTheNew() {
        int oldSeen = 0;
        int newSeen = 0;
        for (long cut = 0; ; cut++) {
            FlashFake flash = new FlashFake(8, 512);
            Session session = sessionWithRoom(ROOM);
            addPublish(session, 5);
            session.assignedClientId().set(OTHER_ID, 0, OTHER_ID.length);
            SessionStore store = new SessionStore(flash);
            assertEquals(SessionStatus.OK, store.save(session));
            session.assignedClientId().set(ID, 0, ID.length);
            addPublish(session, 6);
            flash.cutPowerAfter(cut);
            int status = store.save(session);
            if (flash.isPowered()) {
                assertEquals(SessionStatus.OK, status);
                break; // the save finished within the budget: every cut inside it was tried
            }
            flash.powerOn();

            Session restored = sessionWithRoom(ROOM);
            assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored), "cut " + cut);
            byte[] id = idOf(restored);
            if (Arrays.equals(OTHER_ID, id)) {
                oldSeen++;
                assertEquals(1, restored.outgoing().size(), "cut " + cut + ": the old session whole");
            } else if (Arrays.equals(ID, id)) {
                newSeen++;
                assertEquals(2, restored.outgoing().size(), "cut " + cut + ": the new session whole");
            } else {
                fail("cut " + cut + " restored the id " + new String(id, StandardCharsets.US_ASCII));
            }
        }
        assertTrue(oldSeen > 10, "cuts fell inside the save: " + oldSeen);
        assertTrue(newSeen <= 1, "only a cut in the COMMIT's last bits keeps the new session: " + newSeen);
    }
}
