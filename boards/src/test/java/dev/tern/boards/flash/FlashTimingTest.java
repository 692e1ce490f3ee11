package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class FlashTimingTest {

    /** An STM32F7 at x32: 16 us / 100 us a word; 32 KB sectors 250 ms / 500 ms, 256 KB 1 s / 2 s. */
    private static final FlashTiming F7 = new FlashTiming(4, 16_000, 100_000,
            List.of(new EraseTime(32 * 1024, 250_000_000L, 500_000_000L), new EraseTime(256 * 1024, 1_000_000_000L, 2_000_000_000L)));

    @Test
    void programIsChargedPerUnitTouched() {
        assertEquals(16_000, F7.programNanos(0, 4, TimeFigure.TYPICAL), "one aligned word");
        assertEquals(2 * 16_000, F7.programNanos(2, 4, TimeFigure.TYPICAL), "four bytes across two words");
        assertEquals(25 * 100_000, F7.programNanos(0, 100, TimeFigure.MAX), "100 bytes = 25 words at the maximum");
        assertEquals(16_000, F7.programNanos(7, 1, TimeFigure.TYPICAL), "a part of a word costs a whole one");
        assertEquals(0, F7.programNanos(0, 0, TimeFigure.MAX));
    }

    @Test
    void eraseTimeFollowsTheUnitSize() {
        assertEquals(250_000_000L, F7.eraseNanos(32 * 1024, TimeFigure.TYPICAL));
        assertEquals(2_000_000_000L, F7.eraseNanos(256 * 1024, TimeFigure.MAX));
        assertEquals(0, F7.eraseNanos(4096, TimeFigure.MAX), "no figure for that size: no time");
        assertNull(F7.eraseTime(4096));
    }

    @Test
    void theIdealFlashTakesNoTime() {
        assertEquals(0, FlashTiming.NONE.programNanos(0, 256, TimeFigure.MAX));
        assertEquals(0, FlashTiming.NONE.eraseNanos(4096, TimeFigure.MAX));
    }

    @Test
    void refusesATypicalAboveTheMaximumAndTwoTimesForOneSize() {
        assertThrows(IllegalArgumentException.class, () -> new FlashTiming(4, 200, 100, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new EraseTime(4096, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new FlashTiming(4, 1, 1,
                List.of(new EraseTime(4096, 1, 2), new EraseTime(4096, 1, 3))));
    }
}
