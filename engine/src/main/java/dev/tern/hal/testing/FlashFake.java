package dev.tern.hal.testing;

import dev.tern.hal.NonVolatileStorage;
import java.util.Arrays;
import java.util.Random;

/**
 * Flash in memory with real semantics: erase sets a page to 0xFF, program ANDs bytes in. Power can
 * be cut after a number of units of work (one programmed byte or one page erase each): the byte
 * being programmed at that moment gets only some of its bits cleared, the page being erased gets
 * only some of its bits set, and every later call fails until {@link #powerOn()}.
 *
 * <p>Worn NOR can be simulated per page: an erase that leaves a bit at 0 ({@link #failErases}),
 * or programs whose bits do not stick ({@link #failPrograms}). Erases are counted per page.
 */
public final class FlashFake implements NonVolatileStorage {

    private static final long NEVER = -1;

    private final int pageSize;
    private final byte[] cells;
    private final Random noise = new Random(7);
    private long unitsLeft = Long.MAX_VALUE;
    private long unitsDone;
    private boolean powered = true;
    private int failNextCalls;
    private long writesUntilFailure = NEVER;
    private final long[] erasesPerPage;
    private final boolean[] erasesFail;
    private final boolean[] programsFail;
    private long erases;
    private boolean cutDuringErase;

    public FlashFake(int pages, int pageSize) {
        this.pageSize = pageSize;
        cells = new byte[pages * pageSize];
        Arrays.fill(cells, (byte) 0xFF);
        erasesPerPage = new long[pages];
        erasesFail = new boolean[pages];
        programsFail = new boolean[pages];
    }

    /** From now on an erase of the page reports OK but leaves its first byte at 0x7F (a worn page). */
    public void failErases(int page) {
        erasesFail[page] = true;
    }

    /** From now on bytes programmed into the page keep their lowest bit at 1 (bits that do not stick). */
    public void failPrograms(int page) {
        programsFail[page] = true;
    }

    /** Erases done since construction (including one cut by power). */
    public long erases() {
        return erases;
    }

    /** Whether the last power cut struck an erase (rather than a program). */
    public boolean cutDuringErase() {
        return cutDuringErase;
    }

    public long erases(int page) {
        return erasesPerPage[page];
    }

    /** Cuts the power once {@code units} more bytes or erases have been done. */
    public void cutPowerAfter(long units) {
        unitsLeft = units;
    }

    /** Power back: the contents stay as the cut left them. */
    public void powerOn() {
        powered = true;
        unitsLeft = Long.MAX_VALUE;
    }

    /** Makes the next calls report HARDWARE_ERROR without touching the cells. */
    public void failNextCalls(int calls) {
        failNextCalls = calls;
    }

    /**
     * Makes the {@code nth} program or erase from now (1 = the next one) and every one after it
     * report HARDWARE_ERROR without touching the cells, until {@link #stopFailingWrites()}: a part
     * whose writes fail while reads still work.
     */
    public void failWritesFrom(long nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth=" + nth);
        }
        writesUntilFailure = nth - 1;
    }

    /** Writes work again (the cells keep what the failed writes left: nothing). */
    public void stopFailingWrites() {
        writesUntilFailure = NEVER;
    }

    public long unitsDone() {
        return unitsDone;
    }

    public boolean isPowered() {
        return powered;
    }

    public byte[] cells() {
        return cells;
    }

    @Override
    public int size() {
        return cells.length;
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public int read(int address, byte[] destination, int offset, int length) {
        if (!powered || failing()) {
            return HARDWARE_ERROR;
        }
        if (address < 0 || length < 0 || address + length > cells.length) {
            return OUT_OF_RANGE;
        }
        System.arraycopy(cells, address, destination, offset, length);
        return OK;
    }

    @Override
    public int program(int address, byte[] source, int offset, int length) {
        if (!powered || failing() || writeFails()) {
            return HARDWARE_ERROR;
        }
        if (address < 0 || length < 0 || address + length > cells.length) {
            return OUT_OF_RANGE;
        }
        for (int index = 0; index < length; index++) {
            byte value = source[offset + index];
            if (0 == unitsLeft) {
                // the cut: only some of the bits this byte clears get cleared
                cells[address + index] &= (byte) (value | noise.nextInt(256));
                powered = false;
                return HARDWARE_ERROR;
            }
            cells[address + index] &= programsFail[(address + index) / pageSize] ? (byte) (value | 1) : value;
            unitsLeft--;
            unitsDone++;
        }
        return OK;
    }

    @Override
    public int erase(int pageIndex) {
        if (!powered || failing() || writeFails()) {
            return HARDWARE_ERROR;
        }
        if (pageIndex < 0 || (pageIndex + 1) * pageSize > cells.length) {
            return OUT_OF_RANGE;
        }
        int start = pageIndex * pageSize;
        erases++;
        erasesPerPage[pageIndex]++;
        if (0 == unitsLeft) {
            // the cut: a partly erased page, some bits set and some not
            for (int index = start; index < start + pageSize; index++) {
                cells[index] |= (byte) noise.nextInt(256);
            }
            powered = false;
            cutDuringErase = true;
            return HARDWARE_ERROR;
        }
        Arrays.fill(cells, start, start + pageSize, (byte) 0xFF);
        if (erasesFail[pageIndex]) {
            cells[start] = 0x7F;
        }
        unitsLeft--;
        unitsDone++;
        return OK;
    }

    private boolean writeFails() {
        if (NEVER == writesUntilFailure) {
            return false;
        }
        if (writesUntilFailure > 0) {
            writesUntilFailure--;
            return false;
        }
        return true;
    }

    private boolean failing() {
        if (failNextCalls > 0) {
            failNextCalls--;
            return true;
        }
        return false;
    }
}
