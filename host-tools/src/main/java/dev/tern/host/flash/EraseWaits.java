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
    /** The time a bootloader's answer may take on top (AN3155 hosts use about 0.5 to 1 s). */
    static final Duration ANSWER = Duration.ofSeconds(1);
    /**
     * The wait per page when the board gives no figure: an STM32F7 256 KB sector takes up to
     * about 4 s at x8 parallelism.
     */
    static final Duration PER_PAGE_WITHOUT_FIGURE = Duration.ofSeconds(5);

    private EraseWaits() {
    }

    /** The wait for erasing {@code pages} of {@code device} in one command. */
    static Duration forPages(FlashDevice device, int[] pages) {
        FlashGeometry geometry = device.geometry();
        long nanos = 0;
        for (int page : pages) {
            long max = device.timing().eraseNanos(geometry.pageSize(page), TimeFigure.MAX);
            if (max == 0) {
                return PER_PAGE_WITHOUT_FIGURE.multipliedBy(pages.length);
            }
            nanos += MARGIN * max;
        }
        return Duration.ofNanos(nanos).plus(ANSWER);
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
