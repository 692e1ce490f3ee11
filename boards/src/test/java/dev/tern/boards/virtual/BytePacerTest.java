package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Byte timing computed from a given clock: no real time involved. */
class BytePacerTest {

    private static final long BYTE = 86_805; // 115200 8N1

    @Test
    void bytesAt115200EightN1TakeTenBitTimes() {
        assertEquals(BYTE, new BytePacer(115_200, 10).nanosPerByte());
        assertEquals(95_486, new BytePacer(115_200, 11).nanosPerByte(), "8E1");
    }

    @Test
    void aByteArrivesWhenItsLastBitHasCrossedNeverBefore() {
        final BytePacer pacer = new BytePacer(115_200, 10);
        assertEquals(0, pacer.allowance(1_000_000, 100), "the first byte has only started");
        assertEquals(0, pacer.allowance(1_000_000 + BYTE - 1, 100));
        assertEquals(1, pacer.allowance(1_000_000 + BYTE, 100));
        pacer.sent(1);
        // a millisecond after the first byte started: 11.5 byte times, so 11 bytes crossed, one of them delivered
        assertEquals(10, pacer.allowance(2_000_000, 100));
        pacer.sent(10);
        assertEquals(0, pacer.allowance(2_000_000, 100));
    }

    @Test
    void nBytesTakeNByteTimesHoweverLateOrOftenTheCallerAsks() {
        final BytePacer pacer = new BytePacer(115_200, 10);
        final int burst = 259; // a WRITE_MEMORY's length, data and checksum
        long now = 5_000_000;
        final long start = now;
        pacer.begin(start); // the bytes came at start
        int delivered = 0;
        long lastArrival = 0;
        // the caller asks at uneven, late instants (a pump that overslept), as often as it likes
        final long[] steps = {1, 40_000, 400_000, 7, 650_000, 90_000, 1_300_000};
        for (int i = 0; delivered < burst; i++) {
            now += steps[i % steps.length];
            final int allowed = pacer.allowance(now, burst - delivered);
            assertTrue(now - start >= (long) (delivered + allowed) * BYTE, "no byte before its time, at " + (now - start));
            pacer.sent(allowed);
            delivered += allowed;
            if (allowed > 0) {
                lastArrival = now;
            }
        }
        assertEquals(start + burst * BYTE, pacer.allCrossedAt(), "the schedule is absolute: lateness is not added");
        assertTrue(lastArrival >= pacer.allCrossedAt());
    }

    @Test
    void aBurstWhileTheLastByteStillCrossesStartsAfterIt() {
        final BytePacer pacer = new BytePacer(115_200, 10);
        pacer.begin(0);
        pacer.sent(3); // 3 bytes delivered early by a caller that trusted nanosUntilCrossed
        pacer.idle();
        pacer.begin(BYTE); // more bytes while the second is on the wire
        assertEquals(3 * BYTE, pacer.allCrossedAt());
        assertEquals(0, pacer.allowance(4 * BYTE - 1, 10));
        assertEquals(1, pacer.allowance(4 * BYTE, 10));
    }

    @Test
    void idleTimeIsNotBanked() {
        final BytePacer pacer = new BytePacer(9_600, 10);
        pacer.begin(0);
        pacer.sent(1);
        pacer.idle();
        final long later = 10_000_000_000L;
        assertEquals(0, pacer.allowance(later, 100), "ten seconds idle buy no burst");
        assertEquals(1_041_666, pacer.nanosUntilCrossed(later, 1));
        assertEquals(2 * 1_041_666, pacer.nanosUntilCrossed(later, 2));
    }

    @Test
    void unpacedLineLetsEverythingThrough() {
        final BytePacer pacer = new BytePacer(0, 10);
        assertEquals(4096, pacer.allowance(0, 4096));
        assertEquals(0, pacer.nanosUntilCrossed(0, 4096));
    }
}
