package dev.tern.boards.flash;

import java.io.IOException;

import dev.tern.boards.definition.Region;
import dev.tern.hal.NonVolatileStorage;

/**
 * The {@link NonVolatileStorage} HAL as a view of one region of a {@link FlashMemory} (a board's
 * session pages or config page): offsets from the region's start, the region's erase units as
 * pages (they must all be one size: the F746 layout mixes 32 KB, 128 KB and 256 KB sectors, and
 * the board definitions put each region in sectors of one size), and the flash's real semantics
 * underneath.
 *
 * <p>Every operation goes through a {@link Gate}: {@link #DIRECT} runs it on the device as is
 * (bench, tests); the virtual board's gate takes its flash lock and ends the firmware's run on a
 * power cut. Whatever {@link IOException} comes out of the gate is {@link #HARDWARE_ERROR}: a
 * worn part that reports a failed erase or program ({@link FlashFailedException}), and, through
 * {@link #DIRECT}, a {@link PowerLostException}. Bits that silently did not stick show only when
 * the firmware reads back.
 */
public final class FlashRegion implements NonVolatileStorage {

    /** One access to the device. */
    @FunctionalInterface
    public interface Operation {
        void run(FlashMemory device) throws IOException;
    }

    /** How each {@link Operation} reaches the device. */
    @FunctionalInterface
    public interface Gate {
        void run(FlashMemory device, Operation operation) throws IOException;
    }

    /** Runs each operation on the device, nothing around it. */
    public static final Gate DIRECT = (device, operation) -> operation.run(device);

    private final FlashMemory device;
    private final Gate gate;
    private final long base;
    private final int size;
    private final int pageSize;
    private final int firstPage;

    /** A view of {@code region} on {@code device}, operations run {@link #DIRECT}. */
    public FlashRegion(final FlashMemory device, final Region region) {
        this(device, region, DIRECT);
    }

    /**
     * @throws IllegalArgumentException when the region is not on the device, does not start and end
     *                                  on erase units, or its units differ in size
     */
    public FlashRegion(final FlashMemory device, final Region region, final Gate gate) {
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
        this.device = device;
        this.gate = gate;
        this.base = region.address();
        this.size = (int) region.size();
    }

    /** The device's page number of this region's page {@code pageIndex} (for its wear counters). */
    public int devicePage(final int pageIndex) {
        return firstPage + pageIndex;
    }

    public int pageCount() {
        return size / pageSize;
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
        return access(flash -> flash.read(base + address, destination, offset, length));
    }

    @Override
    public int program(final int address, final byte[] source, final int offset, final int length) {
        if (outOfRange(address, length) || offset < 0 || offset + length > source.length) {
            return OUT_OF_RANGE;
        }
        return access(flash -> flash.program(base + address, source, offset, length));
    }

    @Override
    public int erase(final int pageIndex) {
        if (pageIndex < 0 || pageIndex >= pageCount()) {
            return OUT_OF_RANGE;
        }
        return access(flash -> flash.erasePage(firstPage + pageIndex));
    }

    private boolean outOfRange(final int address, final int length) {
        return address < 0 || length < 0 || (long) address + length > size;
    }

    private int access(final Operation operation) {
        try {
            gate.run(device, operation);
            return OK;
        } catch (final IOException e) {
            return HARDWARE_ERROR;
        }
    }
}
