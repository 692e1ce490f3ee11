package dev.tern.boards.flash;

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
 */
public final class FlashClock {

    private final TimingMode mode;
    private final Object wake = new Object();
    private boolean cut; // guarded by wake
    private long busyNanos; // guarded by wake
    private long operations; // guarded by wake
    private long longestNanos; // guarded by wake

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
        synchronized (wake) {
            if (cut) {
                return 0;
            }
            long passed = nanos;
            if (mode == TimingMode.REAL && nanos > 0) {
                final long start = System.nanoTime();
                long left = nanos;
                while (left > 0 && !cut) {
                    wake.wait(left / 1_000_000L, (int) (left % 1_000_000L));
                    left = nanos - (System.nanoTime() - start);
                }
                passed = cut ? Math.min(nanos, System.nanoTime() - start) : nanos;
            }
            busyNanos += passed;
            operations++;
            longestNanos = Math.max(longestNanos, passed);
            return passed;
        }
    }

    /** The power is gone: a stall under way ends now, and every later one at once. */
    public void cut() {
        synchronized (wake) {
            cut = true;
            wake.notifyAll();
        }
    }

    /** The power is back. */
    public void restore() {
        synchronized (wake) {
            cut = false;
        }
    }

    /** Busy time, operations and the longest stall so far. */
    public Stats stats() {
        synchronized (wake) {
            return new Stats(busyNanos, operations, longestNanos);
        }
    }

    /** What a clock counted. */
    public record Stats(long busyNanos, long operations, long longestStallNanos) {
    }
}
