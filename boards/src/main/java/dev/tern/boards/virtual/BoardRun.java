package dev.tern.boards.virtual;

import java.io.IOException;
import java.util.List;

import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.PowerLostException;

/**
 * One life of the board, from power-on or an outside reset until the next power cut or outside
 * reset: its flash devices, and whether it is still alive. Every flash access of the board
 * thread (the bootloader's and the firmware's) goes through here under one lock. An outside
 * {@link VirtualBoard#cutPower()} does not wait for that lock: it lands between two operations,
 * or inside one that is stalled for its datasheet time (which then stops in proportion);
 * {@link VirtualBoard#cutPowerAfterFlashBytes(long)} cuts inside one by bytes.
 */
final class BoardRun {

    /** The main flash (the ROM bootloader's and the app slot's). */
    final FlashMemory flash;
    /** Every device, the main flash first. */
    final List<FlashMemory> devices;
    private Thread thread;
    private final Object flashLock = new Object();
    private volatile boolean alive = true;
    private volatile boolean lostPower;
    private boolean cleanedUp;

    BoardRun(final List<FlashMemory> devices) {
        this.devices = List.copyOf(devices);
        this.flash = this.devices.get(0);
    }

    /** The device holding {@code [address, address + length)}. */
    FlashMemory deviceHolding(final long address, final long length) {
        for (final FlashMemory device : devices) {
            if (device.geometry().contains(address, length)) {
                return device;
            }
        }
        throw new IllegalArgumentException("no flash device holds 0x" + Long.toHexString(address) + " (" + length + " bytes)");
    }

    /** Starts the board thread of this life. */
    synchronized void start(final Runnable body) {
        thread = new Thread(body, "tern-virtual-board");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized Thread thread() {
        return thread;
    }

    boolean alive() {
        return alive;
    }

    /** Outside reset or cut: the board thread stops at its next HAL call or poll. */
    void stop() {
        alive = false;
    }

    /** Cuts every device's power now: between two operations, or inside one stalled for its time. */
    void cutFlashPower() {
        for (final FlashMemory device : devices) {
            device.cutPower();
        }
    }

    /** {@code bytes} more bytes programmed or erased on any one device, then the power goes. */
    void cutFlashPowerAfter(final long bytes) {
        synchronized (flashLock) {
            for (final FlashMemory device : devices) {
                device.cutPowerAfter(bytes);
            }
        }
    }

    /** Whether this life ended by the flash's power budget running out on the board thread. */
    boolean lostPower() {
        return lostPower;
    }

    /** @throws BoardStopped when the life is over */
    void check() {
        if (!alive) {
            throw new BoardStopped("the board was reset or lost power");
        }
    }

    Object flashLock() {
        return flashLock;
    }

    /** The flash reported a power cut: this life ends here. */
    BoardStopped powerLost(final PowerLostException cause) {
        lostPower = true;
        alive = false;
        final BoardStopped stopped = new BoardStopped("power lost: " + cause.getMessage());
        stopped.initCause(cause);
        return stopped;
    }

    /** Runs an operation on the main flash under the lock; a power cut during it ends this life. */
    <T> T withFlash(final FlashOperation<T> operation) throws IOException {
        return withFlash(flash, operation);
    }

    /** Runs an operation on {@code device} under the lock; a power cut during it ends this life. */
    <T> T withFlash(final FlashMemory device, final FlashOperation<T> operation) throws IOException {
        synchronized (flashLock) {
            check();
            try {
                return operation.run(device);
            } catch (final PowerLostException e) {
                cutFlashPower(); // one device's cut is the board's: the others go dark with it
                throw powerLost(e);
            }
        }
    }

    /** True the first time only: whoever gets it cleans up after this life. */
    synchronized boolean claimCleanup() {
        if (cleanedUp) {
            return false;
        }
        cleanedUp = true;
        return true;
    }

    @FunctionalInterface
    interface FlashOperation<T> {
        T run(FlashMemory flash) throws IOException;
    }
}
