package dev.tern.testsupport;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes that the calling thread allocates on the heap, from HotSpot's per-thread
 * counter ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). Nothing is
 * subtracted: {@link #create()} checks that measuring an empty action reports exactly 0, so any
 * byte measured was allocated by the action.
 *
 * <p>Warm the action up before measuring it: its first run loads and links classes, which
 * allocates. In-process the JIT may also remove an allocation by escape analysis; to prove
 * firmware code allocates nothing, use {@link ForkedAllocationCheck} (interpreter only).
 *
 * <pre>{@code
 * AllocationMeter meter = AllocationMeter.create();
 * engine.poll(0);                                  // warm-up
 * assertEquals(0, meter.measure(() -> engine.poll(1)));
 * }</pre>
 */
public final class AllocationMeter {

    private static final Runnable EMPTY = () -> {
    };
    /** Runs that link the measuring code before the calibration that must report 0. */
    private static final int CALIBRATION_WARMUP = 3;

    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(final com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /**
     * A meter for whichever thread calls it.
     *
     * @throws IllegalStateException when this JVM cannot count per-thread allocation, or when
     *         an empty action does not measure 0
     */
    public static AllocationMeter create() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
            throw new IllegalStateException("this JVM (" + System.getProperty("java.vm.name")
                    + ") has no com.sun.management.ThreadMXBean: run allocation tests on a HotSpot JDK");
        }
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM (" + System.getProperty("java.vm.name")
                    + ") cannot count allocated bytes per thread: run allocation tests on a HotSpot JDK");
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        final AllocationMeter meter = new AllocationMeter(threads);
        long emptyBytes = 0;
        for (int i = 0; i <= CALIBRATION_WARMUP; i++) {
            emptyBytes = meter.measure(EMPTY);
        }
        if (0 != emptyBytes) {
            throw new IllegalStateException("allocation meter is not exact on this JVM: an empty action measured "
                    + emptyBytes + " bytes (expected 0)");
        }
        return meter;
    }

    /** The running total of bytes the calling thread has allocated since it started. */
    public long allocatedBytes() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    /** Bytes the calling thread allocated while running {@code action}. */
    public long measure(final Runnable action) {
        final long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
