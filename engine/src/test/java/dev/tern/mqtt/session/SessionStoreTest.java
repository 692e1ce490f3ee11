package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    static final int PAGES = 8;
    static final int PAGE_SIZE = 512;

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
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(restored));

        assertArrayEquals(SessionFixtures.durableImage(saved), SessionFixtures.durableImage(restored));
        OutgoingTable outgoing = restored.outgoing();
        assertEquals(SessionFixtures.OUTGOING, outgoing.size());
        int second = outgoing.slotInSendOrder(1);
        assertEquals(102, outgoing.packetId(second));
        assertEquals(QosStates.PUBREL_SEND, outgoing.state(second));
        assertEquals(17, outgoing.packetLength(second));
        assertEquals(QosStates.PUBREL_PENDING, restored.incoming().stateOf(1007));
        assertEquals(40001, restored.packetIds().nextCandidate());
        assertEquals(0, store.report().tornTail() + store.report().badCrc() + store.report().doesNotFit());
    }

    @Test
    void restoresTheNewestOfManySavesAcrossCheckpointsAndErases() {
        Session session = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        Random random = new Random(11);
        for (int save = 0; save < 400; save++) {
            SessionFixtures.evolve(session, random);
            assertEquals(SessionStatus.OK, store.save(session), "save " + save);
            if (0 == save % 50) {
                assertRestores(session);
            }
        }
        assertTrue(flash.erases() > PAGES, "the log went round the ring: " + flash.erases());
        assertRestores(session);
    }

    @Test
    void writesOnlyTheChangeNotTheSession() {
        SessionStore store = new SessionStore(flash);
        Session session = SessionFixtures.fullSession(1);
        store.save(session);
        long before = store.bytesProgrammed();
        session.incoming().store(4242);
        assertEquals(SessionStatus.OK, store.save(session));
        assertEquals(JournalFormat.transactionLength(1, 2), store.bytesProgrammed() - before);
        before = store.bytesProgrammed();
        assertEquals(SessionStatus.OK, store.save(session));
        assertEquals(0, store.bytesProgrammed() - before, "nothing changed, nothing written");
    }

    @Test
    void costFunctionMatchesTheBytesAppendedPerMessage() {
        FlashFake large = new FlashFake(8, 4096);
        SessionStore store = new SessionStore(large);
        Session session = SessionFixtures.emptySession();
        store.save(session);
        byte[] packet = SessionFixtures.packet(1, 40);
        for (int qos = 1; qos <= 2; qos++) {
            long before = store.bytesProgrammed();
            int id = session.packetIds().allocate();
            int slot = session.outgoing().add(id, qos, 1 == qos ? QosStates.QOS1_PUBLISH_SEND : QosStates.QOS2_PUBLISH_SEND,
                    0, packet, 0, packet.length);
            store.save(session);
            session.outgoing().transition(slot, QosEvents.PUBLISH_SENT);
            if (2 == qos) {
                session.outgoing().transition(slot, QosEvents.PUBREC_RECEIVED);
                store.save(session);
                session.outgoing().transition(slot, QosEvents.PUBREL_SENT);
                session.outgoing().transition(slot, QosEvents.PUBCOMP_RECEIVED);
            } else {
                session.outgoing().transition(slot, QosEvents.PUBACK_RECEIVED);
            }
            store.save(session);
            assertEquals(JournalFormat.bytesPerMessage(qos, true, packet.length), store.bytesProgrammed() - before,
                    "qos " + qos);
        }
        long before = store.bytesProgrammed();
        session.incoming().store(9);
        store.save(session);
        session.incoming().release(9);
        store.save(session);
        assertEquals(JournalFormat.bytesPerMessage(2, false, 40), store.bytesProgrammed() - before);
        assertEquals(0, JournalFormat.bytesPerMessage(1, false, 40));
    }

    @Test
    void erasesFarFewerThanOncePerSave() {
        FlashFake region = new FlashFake(16, 4096);
        SessionStore store = new SessionStore(region);
        Session session = SessionFixtures.emptySession();
        byte[] packet = SessionFixtures.packet(3, 40);
        for (int message = 0; message < 1000; message++) {
            int slot = session.outgoing().add(session.packetIds().allocate(), 1, QosStates.QOS1_PUBLISH_SEND, 0,
                    packet, 0, packet.length);
            assertEquals(SessionStatus.OK, store.save(session));
            session.outgoing().transition(slot, QosEvents.PUBLISH_SENT);
            session.outgoing().transition(slot, QosEvents.PUBACK_RECEIVED);
            assertEquals(SessionStatus.OK, store.save(session));
        }
        // 2,000 saves of ~80 bytes: a 4 KB unit takes ~50 saves, so ~40 erases; the old store erased 2,000 times
        assertTrue(region.erases() * 25 < 2000, "erases=" + region.erases());
        long most = 0;
        long least = Long.MAX_VALUE;
        for (int page = 0; page < 16; page++) {
            most = Math.max(most, region.erases(page));
            least = Math.min(least, region.erases(page));
        }
        assertTrue(most - least <= 1, "wear spread over every unit: " + least + ".." + most);
    }

    @Test
    void refusesARegionSmallerThanTwoUnits() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SessionStore(new FlashFake(1, 512)));
        assertEquals("size=512", error.getMessage());
    }

    @Test
    void saysWhetherAConfigurationFits() {
        assertEquals(SessionStatus.OK, new SessionStore(flash).fits(SessionFixtures.emptySession()));
        Session large = new Session(16, 400, 4, 96, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.SESSION_TOO_LARGE, new SessionStore(flash).fits(large));
        assertEquals(SessionStatus.SESSION_TOO_LARGE, new SessionStore(flash).save(large));
        assertTrue(new SessionStore(flash).maxImageLength() >= SessionFixtures.emptySession().maxImageLength());
    }

    @Test
    void reportsStorageErrorsAndWritesEverythingAgainAfterwards() {
        SessionStore store = new SessionStore(flash);
        flash.failNextCalls(1);
        assertEquals(SessionStatus.STORAGE_ERROR, store.restore(SessionFixtures.emptySession()));
        Session session = SessionFixtures.emptySession();
        assertEquals(SessionStatus.STORE_EMPTY, store.restore(session));
        assertEquals(SessionStatus.OK, store.save(session));
        session.incoming().store(7);
        session.applicationData()[0] = 9;
        flash.failNextCalls(1);
        assertEquals(SessionStatus.STORAGE_ERROR, store.save(session));
        assertEquals(SessionStatus.OK, store.save(session));
        assertRestores(session);
    }

    @Test
    void saveBeforeRestoreNeverOverwritesTheNewestState() {
        SessionStore first = new SessionStore(flash);
        first.save(SessionFixtures.fullSession(1));
        first.save(SessionFixtures.fullSession(2));
        SessionStore afterReboot = new SessionStore(flash); // no restore() first
        flash.cutPowerAfter(PAGE_SIZE / 2);
        assertEquals(SessionStatus.STORAGE_ERROR, afterReboot.save(SessionFixtures.fullSession(3)));
        flash.powerOn();
        assertRestores(SessionFixtures.fullSession(2));
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
    void aPubrecStoredBeforePubrelSurvivesAsThePubrelPhase() {
        Session session = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        byte[] packet = SessionFixtures.packet(5, 30);
        int slot = session.outgoing().add(500, 2, QosStates.QOS2_PUBLISH_SEND, 0, packet, 0, packet.length);
        store.save(session);
        session.outgoing().transition(slot, QosEvents.PUBLISH_SENT); // not saved: same phase
        session.outgoing().transition(slot, QosEvents.PUBREC_RECEIVED);
        assertEquals(SessionStatus.OK, store.save(session)); // before the PUBREL goes out

        Session rebooted = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(rebooted));
        int restored = rebooted.outgoing().find(500);
        assertTrue(QosStates.isPubrelPhase(rebooted.outgoing().state(restored)), "PUBREL again, never the PUBLISH");
    }

    private void assertRestores(Session expected) {
        Session restored = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(restored));
        assertArrayEquals(SessionFixtures.durableImage(expected), SessionFixtures.durableImage(restored));
    }
}
