package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Restore keeps what is valid and reports what it dropped; it never throws. */
class SessionStoreBadInputTest {

    private final FlashFake flash = new FlashFake(SessionStoreTest.PAGES, SessionStoreTest.PAGE_SIZE);
    private final SessionStore firstStore = new SessionStore(flash);

    @Test
    void aFlippedBitMidRecordDropsThatTransactionAndKeepsTheOthers() {
        saveIncomingIdsOneByOne(11, 12, 13);
        int at = find(new byte[] {JournalFormat.INCOMING_STORED, 0, 2, 0, 12});
        flash.cells()[at + 4] ^= 0x40; // the id's low byte: the record's CRC fails

        Session restored = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(restored));
        assertEquals(QosStates.PUBREL_PENDING, restored.incoming().stateOf(11));
        assertEquals(QosStates.FREE, restored.incoming().stateOf(12));
        assertEquals(QosStates.PUBREL_PENDING, restored.incoming().stateOf(13));
        assertEquals(1, store.report().badCrc());
        assertEquals(0, store.report().tornTail());
    }

    @Test
    void aTornRecordAtTheTailIsDroppedAndReported() {
        Session session = saveIncomingIdsOneByOne(11);
        session.incoming().store(12);
        flash.cutPowerAfter(JournalFormat.RECORD_OVERHEAD + 4); // inside the record after BEGIN
        assertEquals(SessionStatus.STORAGE_ERROR, firstStore.save(session));
        flash.powerOn();

        Session restored = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(restored));
        assertEquals(1, restored.incoming().size());
        assertEquals(QosStates.PUBREL_PENDING, restored.incoming().stateOf(11));
        assertEquals(1, store.report().tornTail());
        assertEquals(0, store.report().badCrc());
    }

    @Test
    void aRegionFullOfGarbageRestoresNothingAndIsWrittenAfresh() {
        new Random(3).nextBytes(flash.cells());
        Session restored = SessionFixtures.fullSession(2);
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.STORE_CORRUPT, store.restore(restored));
        assertEquals(0, restored.outgoing().size());
        assertEquals(0, restored.incoming().size());

        Session session = SessionFixtures.fullSession(1);
        assertEquals(SessionStatus.OK, store.save(session));
        assertRestores(session);
    }

    @Test
    void garbageAfterTheLastCommitIsSkippedAndNeverAppendedTo() {
        Session session = saveIncomingIdsOneByOne(11, 12);
        int end = find(new byte[] {JournalFormat.INCOMING_STORED, 0, 2, 0, 12}) + 40;
        for (int index = end; index < end + 20; index++) {
            flash.cells()[index] = (byte) (index * 7);
        }
        SessionStore store = new SessionStore(flash);
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, store.restore(restored));
        assertArrayEquals(SessionFixtures.durableImage(session), SessionFixtures.durableImage(restored));
        restored.incoming().store(14);
        assertEquals(SessionStatus.OK, store.save(restored));
        assertRestores(restored);
    }

    @Test
    void aSessionFromALargerConfigurationKeepsWhatFitsAndReportsTheRest() {
        new SessionStore(flash).save(SessionFixtures.fullSession(1)); // 4 outgoing, 3 incoming ids
        Session smaller = new Session(2, SessionFixtures.MAX_PACKET, 2, 96, OfflineQueue.REFUSE);
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(smaller));
        assertEquals(2, smaller.outgoing().size());
        assertEquals(101, smaller.outgoing().packetId(smaller.outgoing().slotInSendOrder(0)));
        assertEquals(2, smaller.incoming().size());
        assertEquals(3, store.report().doesNotFit(), "2 outgoing records and 1 incoming id");

        Session shortPackets = new Session(4, 16, 4, 96, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(shortPackets));
        assertEquals(1, shortPackets.outgoing().size(), "only the 10-byte packet fits 16-byte slots");
    }

    @Test
    void aDroppedRecordMakesTheNextSaveACheckpointOfWhatIsKept() {
        new SessionStore(flash).save(SessionFixtures.fullSession(1));
        Session smaller = new Session(2, SessionFixtures.MAX_PACKET, 2, 96, OfflineQueue.REFUSE);
        SessionStore store = new SessionStore(flash);
        store.restore(smaller);
        assertEquals(SessionStatus.OK, store.save(smaller));
        Session again = new Session(2, SessionFixtures.MAX_PACKET, 2, 96, OfflineQueue.REFUSE);
        SessionStore next = new SessionStore(flash);
        assertEquals(SessionStatus.OK, next.restore(again));
        assertEquals(0, next.report().doesNotFit(), "the checkpoint holds only what this configuration keeps");
        assertArrayEquals(SessionFixtures.durableImage(smaller), SessionFixtures.durableImage(again));
    }

    @Test
    void neverThrowsOnRandomDamageToAJournal() {
        Random random = new Random(17);
        Session session = SessionFixtures.emptySession();
        SessionStore writer = new SessionStore(flash);
        for (int save = 0; save < 40; save++) {
            SessionFixtures.evolve(session, random);
            writer.save(session);
        }
        byte[] intact = flash.cells().clone();
        for (int trial = 0; trial < 300; trial++) {
            System.arraycopy(intact, 0, flash.cells(), 0, intact.length);
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                flash.cells()[random.nextInt(intact.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Session restored = SessionFixtures.emptySession();
            SessionStore store = new SessionStore(flash);
            int status = store.restore(restored);
            assertTrue(SessionStatus.OK == status || SessionStatus.STORE_CORRUPT == status, SessionStatus.name(status));
            assertEquals(SessionStatus.OK, store.save(restored), "trial " + trial);
        }
    }

    private Session saveIncomingIdsOneByOne(int... ids) {
        Session session = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, firstStore.save(session));
        for (int id : ids) {
            session.incoming().store(id);
            assertEquals(SessionStatus.OK, firstStore.save(session));
        }
        return session;
    }

    private int find(byte[] pattern) {
        byte[] cells = flash.cells();
        for (int at = 0; at + pattern.length <= cells.length; at++) {
            boolean match = true;
            for (int index = 0; index < pattern.length && match; index++) {
                match = cells[at + index] == pattern[index];
            }
            if (match) {
                return at;
            }
        }
        throw new AssertionError("pattern not on flash");
    }

    private void assertRestores(Session expected) {
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(SessionFixtures.durableImage(expected), SessionFixtures.durableImage(restored));
    }
}
