package dev.tern.boards.definition;

import java.util.Arrays;

import dev.tern.hal.NonVolatileStorage;

/**
 * A session region of a given size and erase unit that reads erased and refuses writes: enough for
 * the engine's {@code SessionStore} to size its checkpoints against a board's region without a
 * byte array the size of the region.
 */
final class SizingRegion implements NonVolatileStorage {

    private final int size;
    private final int unitSize;

    SizingRegion(int size, int unitSize) {
        this.size = size;
        this.unitSize = unitSize;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int pageSize() {
        return unitSize;
    }

    @Override
    public int read(int address, byte[] destination, int offset, int length) {
        Arrays.fill(destination, offset, offset + length, (byte) 0xFF);
        return OK;
    }

    @Override
    public int program(int address, byte[] source, int offset, int length) {
        return HARDWARE_ERROR;
    }

    @Override
    public int erase(int pageIndex) {
        return HARDWARE_ERROR;
    }
}
