package dev.tern.host.flash;

import java.time.Duration;

import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.TimeFigure;

/**
 * How long {@code tern flash} waits for the ACK of an erase: the board's datasheet maximum for
 * the units erased, doubled (the ROM bootloader's parallelism is not documented, and an x8
 * erase takes about twice the x32 maximum the board files give), plus the time any answer may
 * take. An STM32F7 256 KB sector: 2 x 2 s + 1 s = 5 s; a 32 KB one: 2 s.
 */
final class EraseWaits {

    static final int MARGIN = 2;

    private EraseWaits() {
    }

    /** The wait for erasing {@code pages} of {@code device} in one command. */
    static Duration forPages(FlashDevice device, int[] pages) {
        FlashGeometry geometry = device.geometry();
        long nanos = 0;
        for (int page : pages) {
            long max = device.timing().eraseNanos(geometry.pageSize(page), TimeFigure.MAX);
            if (max == 0) {
                return An3155Client.ERASE_PER_PAGE.multipliedBy(pages.length);
            }
            nanos += MARGIN * max;
        }
        return Duration.ofNanos(nanos).plus(An3155Client.ANSWER);
    }

    /** The wait for a mass erase of {@code device}: every unit. */
    static Duration forAll(FlashDevice device) {
        int[] pages = new int[device.sectorSizes().size()];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = i;
        }
        return forPages(device, pages);
    }
}
