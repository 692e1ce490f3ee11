package dev.tern.boards.virtual;

import java.io.IOException;

import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.PowerLostException;

/**
 * One life of the board, from power-on or an outside reset until the next power cut or outside
 * reset: its flash, and whether it is still alive. Every flash access of the board thread (the
 * bootloader's and the firmware's) goes through here under one lock, so an outside
 * {@link VirtualBoard#cutPower()} lands between two flash operations; a cut inside one is
 * {@link VirtualBoard#cutPowerAfterFlashBytes(long)}'s job.
 */
final class BoardRun {

    final FlashMemory flash;
    private Thread thread;
    private final Object flashLock = new Object();
    private volatile boolean alive = true;
    private volatile boolean lostPower;
    private boolean cleanedUp;

    BoardRun(final FlashMemory flash) {
        this.flash = flash;
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

    /** Cuts the flash's power now (between two operations). */
    void cutFlashPower() {
        synchronized (flashLock) {
            flash.cutPower();
        }
    }

    void cutFlashPowerAfter(final long bytes) {
        synchronized (flashLock) {
            flash.cutPowerAfter(bytes);
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

    /** Runs a flash operation under the lock; a power cut during it ends this life. */
    <T> T withFlash(final FlashOperation<T> operation) throws IOException {
        synchronized (flashLock) {
            check();
            try {
                return operation.run(flash);
            } catch (final PowerLostException e) {
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
