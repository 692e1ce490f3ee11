package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationMeterTest {

    private static final int ITERATIONS = 1_000;

    /** Keeps every array reachable, so no compiler can drop the allocation. */
    private static volatile Object blackhole;
    private long sum;

    private final AllocationMeter meter = AllocationMeter.create();

    @Test
    void emptyActionMeasuresZero() {
        final Runnable empty = () -> {
        };
        empty.run();

        assertEquals(0, meter.measure(empty));
    }

    @Test
    void loopThatAllocatesMeasuresAtLeastItsArrays() {
        final Runnable allocating = () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                blackhole = new byte[64];
            }
        };
        allocating.run();

        final long bytes = meter.measure(allocating);

        assertTrue(bytes >= 64L * ITERATIONS, "measured " + bytes + " bytes for " + ITERATIONS + " byte[64]");
    }

    @Test
    void loopThatDoesNotAllocateMeasuresZero() {
        final Runnable arithmetic = () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                sum += i;
            }
        };
        arithmetic.run();

        assertEquals(0, meter.measure(arithmetic));
        assertTrue(sum > 0);
    }

    @Test
    void countsOnlyTheCallingThread() throws Exception {
        final Thread other = new Thread(() -> {
            for (int i = 0; i < ITERATIONS; i++) {
                blackhole = new byte[64];
            }
        });
        final long before = meter.allocatedBytes();
        other.start();
        other.join(10_000);
        // Thread.start and join may allocate on this thread, but never the other thread's arrays
        assertTrue(meter.allocatedBytes() - before < 64L * ITERATIONS);
    }
}
