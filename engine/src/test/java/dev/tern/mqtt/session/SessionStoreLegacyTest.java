package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A region written by the previous A/B store is imported once, power-safe, then journaled. */
class SessionStoreLegacyTest {

    private static final int PAGES = 8;
    private static final int PAGE_SIZE = 512;

    @Test
    void importsTheNewestLegacyCopyOnceThenContinuesInTheJournal() {
        FlashFake flash = legacyRegion();
        Session restored = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.restore(restored));
        assertEquals(1, store.report().legacyImported());
        byte[] newest = SessionFixtures.durableImage(SessionFixtures.fullSession(2));
        assertArrayEquals(newest, SessionFixtures.durableImage(restored));

        restored.incoming().store(5);
        assertEquals(SessionStatus.OK, store.save(restored));
        Session again = SessionFixtures.emptySession();
        SessionStore next = new SessionStore(flash);
        assertEquals(SessionStatus.OK, next.restore(again));
        assertEquals(0, next.report().legacyImported(), "read from the journal now");
        assertArrayEquals(SessionFixtures.durableImage(restored), SessionFixtures.durableImage(again));
        assertTrue(LegacyStoreReader.NONE == new LegacyStoreReader(flash, new Crc32()).newestArea(),
                "no legacy copy left to come back");
    }

    @Test
    void aPowerCutAnywhereInTheFirstSaveAfterTheImportKeepsTheSession() {
        byte[] newest = SessionFixtures.durableImage(SessionFixtures.fullSession(2));
        long unitsOfTheSave = -1;
        for (long cut = 0; unitsOfTheSave < 0 || cut <= unitsOfTheSave; cut++) {
            FlashFake flash = legacyRegion();
            Session imported = SessionFixtures.emptySession();
            SessionStore store = new SessionStore(flash);
            assertEquals(SessionStatus.OK, store.restore(imported));
            long before = flash.unitsDone();
            flash.cutPowerAfter(cut);
            if (SessionStatus.OK == store.save(imported) && flash.isPowered()) {
                unitsOfTheSave = flash.unitsDone() - before;
            }
            flash.powerOn();
            Session rebooted = SessionFixtures.emptySession();
            assertEquals(SessionStatus.OK, new SessionStore(flash).restore(rebooted), "cut " + cut);
            assertArrayEquals(newest, SessionFixtures.durableImage(rebooted), "cut " + cut);
        }
        assertTrue(unitsOfTheSave > PAGE_SIZE / 2, "the save and its clean-up were cut everywhere");
    }

    /** The previous format: area A holds generation 1, area B generation 2 (the newest). */
    private static FlashFake legacyRegion() {
        FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);
        writeLegacyArea(flash, 0, 1, SessionFixtures.fullSession(1));
        writeLegacyArea(flash, 1, 2, SessionFixtures.fullSession(2));
        return flash;
    }

    private static void writeLegacyArea(FlashFake flash, int area, int sequence, Session session) {
        int areaSize = PAGES / 2 * PAGE_SIZE;
        byte[] image = SessionFixtures.image(session);
        byte[] copy = new byte[LegacyStoreReader.AREA_HEADER_LENGTH + image.length];
        Crc32 crc = new Crc32();
        SessionImage.putU32(copy, 0, LegacyStoreReader.MAGIC);
        SessionImage.putU32(copy, 4, sequence);
        SessionImage.putU32(copy, 8, image.length);
        SessionImage.putU32(copy, 12, crc.compute(image, 0, image.length));
        SessionImage.putU32(copy, 16, crc.compute(copy, 0, 16));
        SessionImage.putU32(copy, 20, LegacyStoreReader.COMMIT);
        System.arraycopy(image, 0, copy, LegacyStoreReader.AREA_HEADER_LENGTH, image.length);
        System.arraycopy(copy, 0, flash.cells(), area * areaSize, copy.length);
    }
}
