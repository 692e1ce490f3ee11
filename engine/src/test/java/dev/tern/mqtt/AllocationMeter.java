package dev.tern.mqtt;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while a warmed-up workload runs (the zero-allocation tests). */
public final class AllocationMeter {

    /** A workload of plain Java 7 code; returns a checksum so that nothing is optimised away. */
    public interface Work {
        long run(int rounds);
    }

    private AllocationMeter() {
    }

    /** Runs {@code warmUp} rounds, then measures {@code rounds} more. */
    public static long allocatedBytes(Work work, int warmUp, int rounds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = work.run(warmUp);
        threads.getCurrentThreadAllocatedBytes(); // the first call may set up the counter
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += work.run(rounds);
        long after = threads.getCurrentThreadAllocatedBytes();
        if (0 == sink) {
            throw new AssertionError("no work done");
        }
        return after - before;
    }
}
