package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A power cut at every unit of work (each programmed byte, each erase) of a sequence of saves
 * that goes round the ring several times, so the cuts fall in record programs, commits, unit
 * headers, checkpoints and erases: a restore gives the session of the last OK save or the one
 * being saved, never anything else.
 */
class SessionStorePowerCutTest {

    private static final int PAGES = 6;
    private static final int PAGE_SIZE = 512;
    private static final int SAVES = 120;

    @Tag("slow")
    @Test
    void everyCutRestoresThePreviousOrTheNewSession() {
        long totalUnits = runWithoutCut();
        int previousSeen = 0;
        int nextSeen = 0;
        int cutsInErases = 0;
        for (long cut = 0; cut < totalUnits; cut++) {
            FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);
            Session session = SessionFixtures.emptySession();
            SessionStore store = new SessionStore(flash);
            Random random = new Random(5);
            byte[] previous = SessionFixtures.durableImage(session);
            byte[] next = previous;
            flash.cutPowerAfter(cut);
            int save = 0;
            for (; save < SAVES; save++) {
                SessionFixtures.evolve(session, random);
                next = SessionFixtures.durableImage(session);
                int status = store.save(session);
                if (!flash.isPowered()) {
                    assertTrue(status < 0, "a cut save cannot be OK");
                    break;
                }
                assertEquals(SessionStatus.OK, status, "save " + save);
                previous = next;
            }
            assertTrue(save < SAVES, "cut " + cut + " fell in the sequence");
            cutsInErases += flash.cutDuringErase() ? 1 : 0;
            flash.powerOn();

            Session restored = SessionFixtures.fullSession(9); // everything in it must be replaced
            int status = new SessionStore(flash).restore(restored);
            byte[] image = SessionFixtures.durableImage(restored);
            if (Arrays.equals(next, image)) {
                nextSeen++;
            } else if (Arrays.equals(previous, image)) {
                previousSeen++;
            } else {
                fail("cut after " + cut + " units in save " + save + " restored something else: " + SessionStatus.name(status));
            }
            assertTrue(SessionStatus.OK == status || 0 == save, SessionStatus.name(status));
        }
        assertTrue(previousSeen > totalUnits / 2, "most cuts fall before a commit: " + previousSeen);
        // a save is complete only with the last bit of its COMMIT, so a cut restores the new session only
        // when the cut byte happens to get all its bits: rare, and allowed
        assertEquals(totalUnits, previousSeen + nextSeen);
        assertTrue(cutsInErases >= PAGES, "cuts in erases: " + cutsInErases);
    }

    @Test
    void aSaveAfterACutAndARestoreContinuesTheLog() {
        for (long cut = 0; cut < 4000; cut += 37) {
            FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);
            Session session = SessionFixtures.emptySession();
            SessionStore store = new SessionStore(flash);
            Random random = new Random(6);
            flash.cutPowerAfter(cut);
            for (int save = 0; save < SAVES && flash.isPowered(); save++) {
                SessionFixtures.evolve(session, random);
                store.save(session);
            }
            flash.powerOn();
            Session rebooted = SessionFixtures.emptySession();
            SessionStore after = new SessionStore(flash);
            after.restore(rebooted);
            for (int save = 0; save < SAVES; save++) {
                SessionFixtures.evolve(rebooted, random);
                assertEquals(SessionStatus.OK, after.save(rebooted), "cut " + cut + ", save " + save + " after it");
            }
            Session again = SessionFixtures.emptySession();
            assertEquals(SessionStatus.OK, new SessionStore(flash).restore(again));
            assertArrayEquals(SessionFixtures.durableImage(rebooted), SessionFixtures.durableImage(again), "cut " + cut);
        }
    }

    private static long runWithoutCut() {
        FlashFake flash = new FlashFake(PAGES, PAGE_SIZE);
        Session session = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        Random random = new Random(5);
        for (int save = 0; save < SAVES; save++) {
            SessionFixtures.evolve(session, random);
            assertEquals(SessionStatus.OK, store.save(session));
        }
        assertTrue(flash.erases() > 2 * PAGES, "the sequence goes round the ring: erases=" + flash.erases());
        return flash.unitsDone();
    }
}
