package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineFaultsTest {

    private static final int BYTES = 100_000;

    @Test
    void dropsAndFlipsAtAboutTheConfiguredRates() {
        final LineFaults.Injector injector = new LineFaults(0.01, 0.02, 42).injector(0);
        int changed = 0;
        for (int i = 0; i < BYTES; i++) {
            final int b = injector.apply(0x55);
            if (b != LineFaults.Injector.DROPPED && b != 0x55) {
                changed++;
                assertEquals(1, Integer.bitCount(b ^ 0x55), "a flip changes one bit");
            }
        }
        assertEquals(BYTES, injector.bytes());
        assertTrue(injector.dropped() > 800 && injector.dropped() < 1200, "dropped " + injector.dropped());
        // flips apply to the bytes not dropped: 2 % of 99 %
        assertTrue(injector.flipped() > 1700 && injector.flipped() < 2300, "flipped " + injector.flipped());
        assertEquals(injector.flipped(), changed);
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndDirectionsDiffer() {
        final LineFaults faults = new LineFaults(0.1, 0.1, 7);
        assertArrayEquals(run(faults.injector(0)), run(faults.injector(0)));
        assertNotEquals(java.util.Arrays.toString(run(faults.injector(0))), java.util.Arrays.toString(run(faults.injector(1))));
    }

    @Test
    void aCleanLinePassesEveryByte() {
        final LineFaults.Injector injector = LineFaults.NONE.injector(0);
        for (int b = 0; b < 256; b++) {
            assertEquals(b, injector.apply(b));
        }
        assertEquals(0, injector.dropped() + injector.flipped());
    }

    @Test
    void faultsFromABaudRateLeaveSlowerSpeedsCleanAndHitTheSameBytesAtThatSpeed() {
        final LineFaults everywhere = new LineFaults(0.5, 0, 9);
        final LineFaults.Injector fast = everywhere.atOrAbove(921_600).injector(0);
        final LineFaults.Injector slow = everywhere.atOrAbove(921_600).injector(0);
        final LineFaults.Injector always = everywhere.injector(0);
        for (int i = 0; i < 1000; i++) {
            final int b = i & 0xFF;
            assertEquals(always.apply(b), fast.apply(b, 921_600), "byte " + i + " at 921600: the same fate as without a threshold");
            assertEquals(b, slow.apply(b, 460_800), "byte " + i + " at 460800 passes");
        }
        assertTrue(fast.dropped() > 400, "dropped at 921600: " + fast.dropped());
        assertEquals(0, slow.dropped());
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineFaults(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LineFaults(0, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new LineFaults(0.1, 0, 0, -1));
    }

    private static int[] run(final LineFaults.Injector injector) {
        final int[] out = new int[1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = injector.apply(i & 0xFF);
        }
        return out;
    }
}
