package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private static final int PAGES = 8;
    private static final int PAGE_SIZE = 64;

    private final FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);

    @Test
    void startsEmptyAndSaysSoOnBlankFlash() {
        Session session = SessionFixtures.fullSession(1);
        assertEquals(SessionStatus.STORE_EMPTY, new SessionStore(flash).restore(session));
        assertEquals(0, session.outgoing().size());
        assertEquals(0, session.incoming().size());
        assertTrue(session.offlineQueue().isEmpty());
    }

    @Test
    void roundTripsAFullSession() {
        Session saved = SessionFixtures.fullSession(1);
        assertEquals(SessionStatus.OK, new SessionStore(flash).save(saved));

        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));

        assertArrayEquals(SessionFixtures.image(saved), SessionFixtures.image(restored));
        OutgoingTable outgoing = restored.outgoing();
        assertEquals(SessionFixtures.OUTGOING, outgoing.size());
        int second = outgoing.slotInSendOrder(1);
        assertEquals(102, outgoing.packetId(second));
        assertEquals(QosStates.PUBREL_SEND, outgoing.state(second));
        assertEquals(2, outgoing.qos(second));
        assertEquals(17, outgoing.packetLength(second));
        assertEquals(QosStates.PUBREL_PENDING, restored.incoming().stateOf(1007));
        assertEquals(40001, restored.packetIds().nextCandidate());
        assertEquals(saved.offlineQueue().count(), restored.offlineQueue().count());
    }

    @Test
    void restoresTheNewestOfSeveralSaves() {
        SessionStore store = new SessionStore(flash);
        for (int generation = 1; generation <= 5; generation++) {
            assertEquals(SessionStatus.OK, store.save(SessionFixtures.fullSession(generation)));
        }
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(SessionFixtures.image(SessionFixtures.fullSession(5)), SessionFixtures.image(restored));
    }

    @Test
    void fallsBackToTheOlderCopyWhenTheNewestIsCorrupt() {
        SessionStore store = new SessionStore(flash);
        store.save(SessionFixtures.fullSession(1)); // area A
        store.save(SessionFixtures.fullSession(2)); // area B
        flash.cells()[PAGES / 2 * PAGE_SIZE + SessionStore.HEADER_LENGTH + 3] ^= 0x10; // a body bit of B
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(SessionFixtures.image(SessionFixtures.fullSession(1)), SessionFixtures.image(restored));
    }

    @Test
    void saysCorruptAndStartsEmptyWhenNoCopyIsValid() {
        SessionStore store = new SessionStore(flash);
        store.save(SessionFixtures.fullSession(1));
        store.save(SessionFixtures.fullSession(2));
        flash.cells()[SessionStore.HEADER_LENGTH] ^= 0x01;
        flash.cells()[PAGES / 2 * PAGE_SIZE + 5] ^= 0x01; // the sequence of B: its header CRC fails
        Session restored = SessionFixtures.fullSession(3);
        assertEquals(SessionStatus.STORE_CORRUPT, new SessionStore(flash).restore(restored));
        assertEquals(0, restored.outgoing().size());
    }

    @Test
    void saveBeforeRestoreNeverOverwritesTheNewestCopy() {
        SessionStore first = new SessionStore(flash);
        first.save(SessionFixtures.fullSession(1)); // A
        first.save(SessionFixtures.fullSession(2)); // B, newest
        SessionStore afterReboot = new SessionStore(flash); // no restore() first
        flash.cutPowerAfter(PAGE_SIZE);
        assertEquals(SessionStatus.STORAGE_ERROR, afterReboot.save(SessionFixtures.fullSession(3)));
        flash.powerOn();
        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        assertArrayEquals(SessionFixtures.image(SessionFixtures.fullSession(2)), SessionFixtures.image(restored));
    }

    @Test
    void refusesASessionLargerThanAnArea() {
        FlashFake small = new FlashFake(2, 80); // the smallest area that holds both headers
        Session session = SessionFixtures.fullSession(1);
        assertEquals(SessionStatus.SESSION_TOO_LARGE, new SessionStore(small).save(session));
        assertEquals(80 - SessionStore.HEADER_LENGTH, new SessionStore(small).maxImageLength());
    }

    @Test
    void reportsASessionThatDoesNotFitTheConfigurationAndStartsEmpty() {
        new SessionStore(flash).save(SessionFixtures.fullSession(1));
        Session smaller = new Session(2, SessionFixtures.MAX_PACKET, 4, 96, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.SESSION_DOES_NOT_FIT, new SessionStore(flash).restore(smaller));
        assertEquals(0, smaller.outgoing().size());
    }

    @Test
    void reportsStorageErrors() {
        SessionStore store = new SessionStore(flash);
        flash.failNextCalls(1);
        assertEquals(SessionStatus.STORAGE_ERROR, store.restore(SessionFixtures.emptySession()));
        assertEquals(SessionStatus.STORE_EMPTY, store.restore(SessionFixtures.emptySession()));
        flash.failNextCalls(1);
        assertEquals(SessionStatus.STORAGE_ERROR, store.save(SessionFixtures.fullSession(1)));
        assertEquals(SessionStatus.OK, store.save(SessionFixtures.fullSession(1)));
    }

    @Test
    void rejectsARegionTooSmallForTwoAreas() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SessionStore(new FlashFake(1, 64)));
        assertEquals("size=64", error.getMessage());
    }

    @Test
    void keepsAnIncomingQos2IdStoredBeforePubrecAcrossAPowerCut() {
        Session session = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        store.restore(session);
        int result = session.incoming().onEvent(77, QosEvents.QOS2_PUBLISH_RECEIVED);
        assertEquals(QosActions.STORE_DELIVER_SEND_PUBREC, QosTransitions.action(result));
        assertEquals(SessionStatus.OK, store.save(session)); // store before act: then deliver, then PUBREC
        flash.cutPowerAfter(0);
        flash.powerOn();

        Session rebooted = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(rebooted));
        int duplicate = rebooted.incoming().onEvent(77, QosEvents.QOS2_PUBLISH_RECEIVED);
        assertEquals(QosActions.SEND_PUBREC, QosTransitions.action(duplicate), "PUBREC again, no second delivery");
    }

    @Test
    void powerCutAtEveryByteOfTheFirstSaveRestoresNothingOrTheNewSession() {
        byte[] empty = SessionFixtures.image(SessionFixtures.emptySession());
        assertEveryCutRestoresOneOf(0, empty, SessionFixtures.fullSession(1));
    }

    @Test
    void powerCutAtEveryByteOfASaveOverAnOldCopyRestoresThePreviousOrTheNewSession() {
        // generations 1 (area A) and 2 (area B) are complete; generation 3 erases and rewrites A
        byte[] previous = SessionFixtures.image(SessionFixtures.fullSession(2));
        assertEveryCutRestoresOneOf(2, previous, SessionFixtures.fullSession(3));
    }

    @Test
    void powerCutAtEveryByteOfASaveOverTheOtherAreaRestoresThePreviousOrTheNewSession() {
        byte[] previous = SessionFixtures.image(SessionFixtures.fullSession(3));
        assertEveryCutRestoresOneOf(3, previous, SessionFixtures.fullSession(4));
    }

    private static void assertEveryCutRestoresOneOf(int savedGenerations, byte[] previous, Session next) {
        byte[] nextImage = SessionFixtures.image(next);
        long unitsOfASave = -1;
        int previousSeen = 0;
        int nextSeen = 0;
        for (long cut = 0; unitsOfASave < 0 || cut <= unitsOfASave; cut++) {
            FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);
            SessionStore store = new SessionStore(flash);
            for (int generation = 1; generation <= savedGenerations; generation++) {
                assertEquals(SessionStatus.OK, store.save(SessionFixtures.fullSession(generation)));
            }
            long before = flash.unitsDone();
            flash.cutPowerAfter(cut);
            int saved = store.save(next);
            if (flash.isPowered()) {
                assertEquals(SessionStatus.OK, saved);
                unitsOfASave = flash.unitsDone() - before;
            } else {
                assertEquals(SessionStatus.STORAGE_ERROR, saved);
            }
            flash.powerOn();

            Session restored = SessionFixtures.fullSession(9); // contents must all be replaced
            int status = new SessionStore(flash).restore(restored);
            byte[] image = SessionFixtures.image(restored);
            if (Arrays.equals(nextImage, image)) {
                assertEquals(SessionStatus.OK, status);
                nextSeen++;
            } else if (Arrays.equals(previous, image)) {
                assertTrue(SessionStatus.OK == status || 0 == savedGenerations, SessionStatus.name(status));
                previousSeen++;
            } else {
                fail("cut after " + cut + " units restored a mix: " + SessionStatus.name(status));
            }
        }
        assertTrue(previousSeen > PAGE_SIZE, "cuts before the commit restore the previous session");
        assertTrue(nextSeen >= 1, "the complete save restores the new session");
        assertFalse(unitsOfASave < 0);
    }
}
