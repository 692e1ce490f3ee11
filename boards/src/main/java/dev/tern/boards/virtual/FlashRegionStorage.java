package dev.tern.boards.virtual;

import java.io.IOException;

import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.hal.NonVolatileStorage;

/**
 * The {@link NonVolatileStorage} HAL as a view of one region of the board's flash (the session
 * pages or the config page): offsets from the region's start, the region's erase units as
 * pages (they must all be one size: the F746 layout mixes 32 KB, 128 KB and 256 KB sectors,
 * and the board definitions put each region in sectors of one size), and the flash's real
 * semantics underneath, on whichever device holds the region (the main flash or dataFlash). A
 * power cut during an operation leaves the flash as it was at the cut and throws
 * {@link BoardStopped}: the firmware does not get to run on. A worn part that reports a failed
 * erase or program ({@link dev.tern.boards.flash.FlashFailedException}) is HARDWARE_ERROR; bits
 * that silently did not stick show only when the firmware reads back.
 */
final class FlashRegionStorage implements NonVolatileStorage {

    private final BoardRun run;
    private final FlashMemory device;
    private final long base;
    private final int size;
    private final int pageSize;
    private final int firstPage;
    private final Runnable liveCheck;

    FlashRegionStorage(final BoardRun run, final Region region, final Runnable liveCheck) {
        this.device = run.deviceHolding(region.address(), region.size());
        final FlashGeometry geometry = device.geometry();
        if (!geometry.contains(region.address(), region.size()) || region.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("region outside the flash: " + region + ", " + geometry);
        }
        this.firstPage = geometry.pageAt(region.address());
        if (geometry.pageAddress(firstPage) != region.address()) {
            throw new IllegalArgumentException("region does not start on an erase unit: " + region);
        }
        this.pageSize = geometry.pageSize(firstPage);
        long covered = 0;
        for (int page = firstPage; covered < region.size(); page++) {
            if (geometry.pageSize(page) != pageSize) {
                throw new IllegalArgumentException("region's erase units differ in size (page " + page + " has "
                        + geometry.pageSize(page) + ", page " + firstPage + " has " + pageSize + "): " + region);
            }
            covered += pageSize;
        }
        if (covered != region.size()) {
            throw new IllegalArgumentException("region does not end on an erase unit: " + region);
        }
        this.run = run;
        this.base = region.address();
        this.size = (int) region.size();
        this.liveCheck = liveCheck;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public int read(final int address, final byte[] destination, final int offset, final int length) {
        if (outOfRange(address, length) || offset < 0 || offset + length > destination.length) {
            return OUT_OF_RANGE;
        }
        return access(flash -> {
            flash.read(base + address, destination, offset, length);
            return OK;
        });
    }

    @Override
    public int program(final int address, final byte[] source, final int offset, final int length) {
        if (outOfRange(address, length) || offset < 0 || offset + length > source.length) {
            return OUT_OF_RANGE;
        }
        return access(flash -> {
            flash.program(base + address, source, offset, length);
            return OK;
        });
    }

    @Override
    public int erase(final int pageIndex) {
        if (pageIndex < 0 || pageIndex >= size / pageSize) {
            return OUT_OF_RANGE;
        }
        return access(flash -> {
            flash.erasePage(firstPage + pageIndex);
            return OK;
        });
    }

    private boolean outOfRange(final int address, final int length) {
        return address < 0 || length < 0 || (long) address + length > size;
    }

    private int access(final BoardRun.FlashOperation<Integer> operation) {
        liveCheck.run();
        try {
            return run.withFlash(device, operation);
        } catch (final IOException e) {
            return HARDWARE_ERROR;
        }
    }
}
