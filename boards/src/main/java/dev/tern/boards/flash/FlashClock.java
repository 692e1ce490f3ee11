package dev.tern.boards.flash;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a flash device's busy time goes: in {@link TimingMode#REAL} the thread that started the
 * operation sleeps for it (the CPU polls the busy flag, or is frozen while it fetches code from
 * the bank being written); in {@link TimingMode#ACCOUNTED} it is only added up. Either way it
 * counts: busy time in all, operations, the longest single stall.
 *
 * <p>A power cut may land inside a stall: {@link #cut()} (from any thread) wakes the sleeper,
 * which learns how much of the operation's time had passed. Until {@link #restore()} every
 * stall ends at once.
 *
 * <p>One clock per device, kept across power cycles (its counters are the run's, not the chip's).
 * A stall waits on a {@link Condition}, to the nanosecond: {@code Object.wait(ms, ns)} rounds any
 * nanoseconds up to a whole millisecond, which made a 1.024 ms program of 256 bytes take 2 ms.
 */
public final class FlashClock {

    private final TimingMode mode;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean cut; // guarded by lock
    private long busyNanos; // guarded by lock
    private long operations; // guarded by lock
    private long longestNanos; // guarded by lock

    public FlashClock(final TimingMode mode) {
        this.mode = mode;
    }

    public TimingMode mode() {
        return mode;
    }

    /**
     * One operation of {@code nanos}: sleeps that long in REAL mode (unless a cut comes first).
     *
     * @return the nanoseconds that passed before the operation ended: {@code nanos}, or less
     *         when a power cut ended it (0 when the power was already cut)
     */
    public long stall(final long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (cut) {
                return 0;
            }
            long passed = nanos;
            if (mode == TimingMode.REAL && nanos > 0) {
                final long start = System.nanoTime();
                long left = nanos;
                while (left > 0 && !cut) {
                    left = wake.awaitNanos(left);
                }
                passed = cut ? Math.min(nanos, System.nanoTime() - start) : nanos;
            }
            busyNanos += passed;
            operations++;
            longestNanos = Math.max(longestNanos, passed);
            return passed;
        } finally {
            lock.unlock();
        }
    }

    /** The power is gone: a stall under way ends now, and every later one at once. */
    public void cut() {
        lock.lock();
        try {
            cut = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The power is back. */
    public void restore() {
        lock.lock();
        try {
            cut = false;
        } finally {
            lock.unlock();
        }
    }

    /** Busy time, operations and the longest stall so far. */
    public Stats stats() {
        lock.lock();
        try {
            return new Stats(busyNanos, operations, longestNanos);
        } finally {
            lock.unlock();
        }
    }

    /** What a clock counted. */
    public record Stats(long busyNanos, long operations, long longestStallNanos) {
    }
}
