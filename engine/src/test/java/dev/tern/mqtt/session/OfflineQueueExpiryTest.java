package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;

/** Message Expiry Interval (3.3.2.3.3) in the offline queue, in RAM and through the session journal. */
class OfflineQueueExpiryTest {

    private static final byte[] TOPIC = "s/t".getBytes();
    private static final long DAY_MILLIS = 86_400_000L;

    private static int push(OfflineQueue queue, int seed, long expirySeconds, int now) {
        byte[] payload = new byte[5];
        Arrays.fill(payload, (byte) seed);
        return queue.push(1, false, TOPIC, 0, TOPIC.length, payload, 0, payload.length, expirySeconds, now);
    }

    private static int peekSeed(OfflineQueue queue) {
        byte[] buffer = new byte[16];
        assertEquals(5, queue.copyPeekPayload(buffer, 0));
        return buffer[0];
    }

    @Test
    void thePublishCarriesTheIntervalLeft() {
        OfflineQueue queue = new OfflineQueue(128, OfflineQueue.REFUSE);
        push(queue, 1, 60, 1000);
        assertEquals(60, queue.peekExpirySeconds(1000));
        assertEquals(59, queue.peekExpirySeconds(2000));
        assertEquals(1, queue.peekExpirySeconds(1000 + 59_999));
        assertEquals(SessionStatus.OFFLINE_MESSAGE_EXPIRED, queue.peekExpirySeconds(1000 + 60_000));
        assertEquals(1, peekSeed(queue), "payload after the expiry fields");
        byte[] topic = new byte[8];
        assertEquals(3, queue.copyPeekTopic(topic, 0));
        assertEquals(5, queue.peekPayloadLength());
    }

    @Test
    void aMessageWithoutAnIntervalNeverExpiresAndTakesNoExtraBytes() {
        OfflineQueue queue = new OfflineQueue(128, OfflineQueue.REFUSE);
        push(queue, 1, 0, 0);
        int plain = queue.usedBytes();
        assertEquals(0, queue.peekExpirySeconds(Integer.MAX_VALUE));
        assertEquals(0, queue.dropExpired(Integer.MIN_VALUE));
        push(queue, 2, 5, 0);
        assertEquals(plain + OfflineQueue.EXPIRY_FIELDS_LENGTH, queue.usedBytes() - plain);
    }

    @Test
    void dropsAndCountsExpiredMessagesAndNeverOffersOne() {
        OfflineQueue queue = new OfflineQueue(256, OfflineQueue.REFUSE);
        push(queue, 1, 100, 0);   // A: lives long
        push(queue, 2, 1, 0);     // B: expires after 1 s, behind A
        push(queue, 3, 0, 0);     // C: never expires
        push(queue, 4, 2, 0);     // D: expires after 2 s
        assertEquals(0, queue.dropExpired(999));
        assertEquals(0, queue.dropExpired(1000), "B ran out but A, the oldest, is still live");
        assertEquals(1, peekSeed(queue));
        queue.pop();              // A sent
        assertEquals(1, queue.dropExpired(1500), "B is dropped once it is the oldest");
        assertEquals(1, queue.expiredCount());
        assertEquals(3, peekSeed(queue));
        assertEquals(0, queue.peekExpirySeconds(1500));
        queue.pop();              // C sent
        assertEquals(1, queue.dropExpired(2000));
        assertEquals(2, queue.expiredCount());
        assertEquals(0, queue.count());
        assertEquals(4, queue.popCount(), "the journal sees drops as pops");
    }

    @Test
    void countsAcrossTheIntClockWrap() {
        OfflineQueue queue = new OfflineQueue(128, OfflineQueue.REFUSE);
        int queued = Integer.MAX_VALUE - 500;
        push(queue, 1, 2, queued);
        assertEquals(2, queue.peekExpirySeconds(queued + 900));  // wrapped to negative
        assertEquals(1, queue.peekExpirySeconds(queued + 1000));
        assertEquals(0, queue.dropExpired(queued + 1999));
        assertEquals(1, queue.dropExpired(queued + 2000));
    }

    @Test
    void longWaitsAreFoldedSoTheIntClockNeverWrapsThemAway() {
        // 60 days: beyond the 49.7 days an int millisecond clock spans
        OfflineQueue queue = new OfflineQueue(128, OfflineQueue.REFUSE);
        long expiry = 60 * 86_400L;
        push(queue, 1, expiry, 0);
        for (int day = 10; day < 60; day += 10) {
            assertEquals(0, queue.dropExpired((int) (day * DAY_MILLIS)), "day " + day);
        }
        assertEquals(86_400 + 1, queue.peekExpirySeconds((int) (59 * DAY_MILLIS - 1000)));
        assertEquals(0, queue.dropExpired((int) (60 * DAY_MILLIS - 1)));
        assertEquals(1, queue.dropExpired((int) (60 * DAY_MILLIS)));
    }

    @Test
    void aRestoredMessageRestartsItsIntervalOnTheNewBootsClock() {
        OfflineQueue before = new OfflineQueue(128, OfflineQueue.REFUSE);
        push(before, 1, 10, 5_000_000);
        push(before, 2, 0, 5_000_000);
        byte[] copy = new byte[128];
        int length = before.copyContents(copy, 0);

        OfflineQueue after = new OfflineQueue(128, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, after.restore(copy, 0, length));
        // the new boot's clock starts near 0, long "before" the old queued-at time
        assertEquals(0, after.dropExpired(200), "interval restarts at the first now seen: 200");
        assertEquals(10, after.peekExpirySeconds(200));
        assertEquals(2, after.peekExpirySeconds(9_199));
        assertEquals(1, after.peekExpirySeconds(9_200));
        assertEquals(0, after.dropExpired(10_199));
        assertEquals(1, after.dropExpired(10_200));
        assertEquals(2, peekSeed(after));
    }

    @Test
    void aPushAfterARestoreRestartsTheRestoredIntervalsFirst() {
        OfflineQueue before = new OfflineQueue(128, OfflineQueue.REFUSE);
        push(before, 1, 10, -7);
        byte[] copy = new byte[128];
        int length = before.copyContents(copy, 0);
        OfflineQueue after = new OfflineQueue(128, OfflineQueue.REFUSE);
        after.restore(copy, 0, length);
        push(after, 2, 30, 4000);
        assertEquals(1, after.dropExpired(14_000), "the restored message restarted at 4000, not later");
        assertEquals(20, after.peekExpirySeconds(14_000));
    }

    @Test
    void anOldFormatQueueRestoresWithoutExpiry() {
        // two records as the queue wrote them before Message Expiry existed: flags QoS 1 and QoS 2+retain
        byte[] old = {
            0x00, 0x09, 0x01, 0x00, 0x03, 's', '/', 't', 'a', 'b', 'c',      // length 9, QoS 1, "s/t", "abc"
            0x00, 0x07, 0x06, 0x00, 0x03, 's', '/', 't', 'z',                // length 7, QoS 2 retain, "s/t", "z"
        };
        OfflineQueue queue = new OfflineQueue(64, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.OK, queue.restore(old, 0, old.length));
        assertEquals(2, queue.count());
        assertEquals(0, queue.peekExpirySeconds(0));
        assertEquals(0, queue.dropExpired(Integer.MAX_VALUE));
        byte[] payload = new byte[8];
        assertEquals(3, queue.copyPeekPayload(payload, 0));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, Arrays.copyOf(payload, 3));
    }

    @Test
    void aRecordTooShortForItsExpiryFieldsIsCorrupt() {
        byte[] bad = {0x00, 0x09, 0x09, 0x00, 0x03, 's', '/', 't', 0, 0, 0}; // expiry flag, 3 bytes where 8 belong
        OfflineQueue queue = new OfflineQueue(64, OfflineQueue.REFUSE);
        assertEquals(SessionStatus.STORE_CORRUPT, queue.restore(bad, 0, bad.length));
    }

    @Test
    void expiryRoundTripsThroughTheJournalAndRestartsAtTheReboot() {
        FlashFake flash = new FlashFake(8, 512);
        Session session = SessionFixtures.emptySession();
        SessionStore store = new SessionStore(flash);
        OfflineQueue queue = session.offlineQueue();
        push(queue, 1, 30, 100_000);
        assertEquals(SessionStatus.OK, store.save(session));        // a checkpoint
        push(queue, 2, 0, 100_000);
        push(queue, 3, 5, 101_000);
        assertEquals(SessionStatus.OK, store.save(session));        // a delta with the new records
        queue.dropExpired(120_000);                                  // 20 s gone before the reboot: not kept

        Session restored = SessionFixtures.emptySession();
        assertEquals(SessionStatus.OK, new SessionStore(flash).restore(restored));
        OfflineQueue back = restored.offlineQueue();
        assertEquals(3, back.count());
        assertEquals(0, back.dropExpired(0));
        assertEquals(30, back.peekExpirySeconds(0), "restarted at the reboot, the 20 s before it not counted");
        back.pop();
        assertEquals(2, peekSeed(back));
        assertEquals(0, back.peekExpirySeconds(1000));
        back.pop();
        assertEquals(3, peekSeed(back));
        assertEquals(1, back.peekExpirySeconds(4000));
        assertEquals(1, back.dropExpired(5000));
        assertEquals(1, back.expiredCount());
    }

    @Test
    void refusesAnIntervalOutsideFourBytes() {
        OfflineQueue queue = new OfflineQueue(64, OfflineQueue.REFUSE);
        assertThrows(IllegalArgumentException.class, () -> push(queue, 1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> push(queue, 1, OfflineQueue.MAX_EXPIRY_SECONDS + 1, 0));
        assertEquals(SessionStatus.OK, push(queue, 1, OfflineQueue.MAX_EXPIRY_SECONDS, 0));
        assertEquals(OfflineQueue.MAX_EXPIRY_SECONDS, queue.peekExpirySeconds(999));
    }
}
