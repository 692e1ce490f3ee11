package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.definition.FlashWriter;
import dev.tern.boards.flash.FlashTiming;

class EraseWaitsTest {

    private static final FlashDevice F746 = new BoardLoader().load("stm32f746g-disco").flash();

    @Test
    void aSectorsWaitIsTwiceItsMaximumEraseTimePlusAnAnswer() {
        assertEquals(Duration.ofMillis(2 * 500 + 1000), EraseWaits.forPages(F746, new int[] {0}), "32 KB: 500 ms max");
        assertEquals(Duration.ofMillis(2 * 1100 + 1000), EraseWaits.forPages(F746, new int[] {4}), "128 KB: 1.1 s max");
        assertEquals(Duration.ofMillis(2 * 2000 + 1000), EraseWaits.forPages(F746, new int[] {7}), "256 KB: 2 s max");
        assertEquals(Duration.ofMillis(2 * (500 + 2000) + 1000), EraseWaits.forPages(F746, new int[] {1, 6}));
    }

    @Test
    void aMassEraseWaitsForEverySector() {
        assertEquals(Duration.ofMillis(2 * (4 * 500 + 1100 + 3 * 2000) + 1000), EraseWaits.forAll(F746));
    }

    @Test
    void aDeviceWithoutEraseTimesGetsTheFixedWait() {
        FlashDevice untimed = new FlashDevice("flash", "internal", FlashWriter.ROM_BOOTLOADER, 0x0800_0000L, List.of(1024, 1024),
                FlashTiming.NONE, 10_000);
        assertEquals(EraseWaits.PER_PAGE_WITHOUT_FIGURE.multipliedBy(2), EraseWaits.forPages(untimed, new int[] {0, 1}));
    }
}
