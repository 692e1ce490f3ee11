package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Byte timing computed from a given clock: no real time involved. */
class BytePacerTest {

    @Test
    void bytesAt115200EightN1TakeTenBitTimes() {
        assertEquals(86_805, new BytePacer(115_200, 10).nanosPerByte());
        assertEquals(95_486, new BytePacer(115_200, 11).nanosPerByte(), "8E1");
    }

    @Test
    void anIdleLineSendsOneByteAtOnceThenOnePerByteTime() {
        final BytePacer pacer = new BytePacer(115_200, 10);
        assertEquals(1, pacer.allowance(1_000_000, 100));
        pacer.sent(1);
        assertEquals(0, pacer.allowance(1_000_000 + 86_804, 100), "the first byte is still on the wire");
        assertEquals(1, pacer.allowance(1_000_000 + 86_805, 100));
        // a millisecond after the first byte started: 11.5 byte times, so 12 bytes started, one of them sent already
        assertEquals(11, pacer.allowance(2_000_000, 100));
        pacer.sent(11);
        assertEquals(0, pacer.allowance(2_000_000, 100));
    }

    @Test
    void idleTimeIsNotBanked() {
        final BytePacer pacer = new BytePacer(9_600, 10);
        assertEquals(1, pacer.allowance(0, 100));
        pacer.sent(1);
        pacer.idle();
        assertEquals(1, pacer.allowance(10_000_000_000L, 100), "ten seconds idle buy no burst");
    }

    @Test
    void unpacedLineLetsEverythingThrough() {
        final BytePacer pacer = new BytePacer(0, 10);
        assertEquals(4096, pacer.allowance(0, 4096));
        assertEquals(0, pacer.waitNanos(0));
    }
}
