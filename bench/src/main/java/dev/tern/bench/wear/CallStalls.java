package dev.tern.bench.wear;

import java.util.Arrays;

/**
 * The flash busy time charged inside each single engine call (poll or publish): what the poll
 * loop stalls for when the flash waits in real time. Only calls that used the flash are kept;
 * most calls charge none.
 */
final class CallStalls {

    private long[] stalls = new long[1024];
    private int count;
    private long calls;

    void record(long busyNanos) {
        calls++;
        if (busyNanos <= 0) {
            return;
        }
        if (count == stalls.length) {
            stalls = Arrays.copyOf(stalls, 2 * count);
        }
        stalls[count++] = busyNanos;
    }

    /** Engine calls made, with flash time or without. */
    long calls() {
        return calls;
    }

    /** Calls that charged flash time. */
    int flashCalls() {
        return count;
    }

    long longestNanos() {
        return percentileNanos(100);
    }

    /** The nearest-rank percentile of the calls that charged flash time (0 when none did). */
    long percentileNanos(double percent) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(stalls, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }
}
