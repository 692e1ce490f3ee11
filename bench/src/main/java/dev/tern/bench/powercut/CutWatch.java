package dev.tern.bench.powercut;

import java.util.function.BooleanSupplier;

import dev.tern.boards.flash.FlashMemory;
import dev.tern.hal.NonVolatileStorage;

/**
 * The engine's session storage with the power watched: each program or erase goes to the
 * region; when the flash lost its power during it (a byte budget ran out), a {@link PowerCut}
 * says which operation it was and whether the store was checkpointing. It can also hold a cut
 * back until the store's next checkpoint starts (or ends), then let that many more bytes be
 * written.
 */
final class CutWatch implements NonVolatileStorage {

    private static final long NOT_ARMED = -1;

    private final FlashMemory flash;
    private final NonVolatileStorage region;
    private BooleanSupplier checkpointing = () -> false;
    private long bytesIntoNextCheckpoint = NOT_ARMED;
    private long bytesAfterNextCheckpoint = NOT_ARMED;
    private boolean sawCheckpoint;

    CutWatch(FlashMemory flash, NonVolatileStorage region) {
        this.flash = flash;
        this.region = region;
    }

    /** Asks {@code source} whether the store is writing a checkpoint (the engine of this life). */
    void checkpointing(BooleanSupplier source) {
        checkpointing = source;
    }

    /** Cuts after {@code bytes} programmed or erased, counted from the first operation of the next checkpoint. */
    void cutInsideNextCheckpoint(long bytes) {
        bytesIntoNextCheckpoint = bytes;
    }

    /** Cuts after {@code bytes} programmed or erased, counted from the end of the next checkpoint. */
    void cutAfterNextCheckpoint(long bytes) {
        bytesAfterNextCheckpoint = bytes;
        sawCheckpoint = false;
    }

    /** Cuts after {@code bytes} more bytes programmed or erased, whatever the store is doing. */
    void memoryCutAfter(long bytes) {
        flash.cutPowerAfter(bytes);
    }

    /** Cuts now, between flash operations. */
    void cutNow() {
        flash.cutPower();
    }

    /** Forgets a checkpoint cut not reached (a new life chooses its own). */
    void disarm() {
        bytesIntoNextCheckpoint = NOT_ARMED;
        bytesAfterNextCheckpoint = NOT_ARMED;
    }

    @Override
    public int size() {
        return region.size();
    }

    @Override
    public int pageSize() {
        return region.pageSize();
    }

    @Override
    public int read(int address, byte[] destination, int offset, int length) {
        int status = region.read(address, destination, offset, length);
        checkPower(Landing.Where.BETWEEN_OPERATIONS);
        return status;
    }

    @Override
    public int program(int address, byte[] source, int offset, int length) {
        armIfCheckpointing();
        int status = region.program(address, source, offset, length);
        checkPower(Landing.Where.PROGRAM);
        return status;
    }

    @Override
    public int erase(int pageIndex) {
        armIfCheckpointing();
        int status = region.erase(pageIndex);
        checkPower(Landing.Where.ERASE);
        return status;
    }

    private void armIfCheckpointing() {
        boolean inCheckpoint = checkpointing.getAsBoolean();
        if (bytesIntoNextCheckpoint != NOT_ARMED && inCheckpoint) {
            flash.cutPowerAfter(bytesIntoNextCheckpoint);
            bytesIntoNextCheckpoint = NOT_ARMED;
        }
        if (bytesAfterNextCheckpoint != NOT_ARMED) {
            if (inCheckpoint) {
                sawCheckpoint = true;
            } else if (sawCheckpoint) {
                flash.cutPowerAfter(bytesAfterNextCheckpoint);
                bytesAfterNextCheckpoint = NOT_ARMED;
            }
        }
    }

    private void checkPower(Landing.Where where) {
        if (!flash.isPowered()) {
            throw new PowerCut(new Landing(where, checkpointing.getAsBoolean()));
        }
    }
}
