package dev.tern.bench.chaos;

import java.util.Arrays;

import dev.tern.hal.NonVolatileStorage;

/**
 * The engine's session flash for the chaos run, in memory with flash semantics (erase to 0xFF,
 * program clears bits only), so the engine runs its real store-before-act path on every
 * acknowledgement; the alloc and throughput suites' Tern with storage {@code flash} too.
 * (Power cuts inside flash writes are the powercut suite's business.)
 */
public final class RamFlash implements NonVolatileStorage {

    private final int pageSize;
    private final byte[] cells;

    public RamFlash(int pages, int pageSize) {
        this.pageSize = pageSize;
        this.cells = new byte[pages * pageSize];
        Arrays.fill(cells, (byte) 0xFF);
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
        if (address < 0 || length < 0 || address + length > cells.length) {
            return OUT_OF_RANGE;
        }
        System.arraycopy(cells, address, destination, offset, length);
        return OK;
    }

    @Override
    public int program(int address, byte[] source, int offset, int length) {
        if (address < 0 || length < 0 || address + length > cells.length) {
            return OUT_OF_RANGE;
        }
        for (int i = 0; i < length; i++) {
            cells[address + i] &= source[offset + i];
        }
        return OK;
    }

    @Override
    public int erase(int pageIndex) {
        if (pageIndex < 0 || (pageIndex + 1) * pageSize > cells.length) {
            return OUT_OF_RANGE;
        }
        Arrays.fill(cells, pageIndex * pageSize, (pageIndex + 1) * pageSize, (byte) 0xFF);
        return OK;
    }
}
