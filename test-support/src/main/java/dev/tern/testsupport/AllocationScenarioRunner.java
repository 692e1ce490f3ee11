package dev.tern.testsupport;

import java.lang.reflect.Constructor;

/**
 * Main class of the JVM that {@link ForkedAllocationCheck} forks: creates the scenario, warms
 * it up, measures its steps on this thread and prints {@code tern.allocated.bytes=N}.
 * Arguments: scenario class name, warm-up steps, measured steps.
 */
public final class AllocationScenarioRunner {

    static final String RESULT_PREFIX = "tern.allocated.bytes=";

    private AllocationScenarioRunner() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AllocationScenarioRunner <scenario class> <warm-up steps> <measured steps>");
            System.exit(2);
        }
        final Class<? extends AllocationScenario> type = Class.forName(args[0]).asSubclass(AllocationScenario.class);
        final int warmup = Integer.parseInt(args[1]);
        final int iterations = Integer.parseInt(args[2]);
        final String vmInfo = System.getProperty("java.vm.info", "");
        if (!vmInfo.contains("interpreted mode")) {
            // with a JIT, escape analysis may remove an allocation and the check would prove nothing
            System.err.println("refusing to measure: this JVM runs in " + vmInfo + "; start it with -Xint");
            System.exit(3);
        }

        final Constructor<? extends AllocationScenario> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        final AllocationScenario scenario = constructor.newInstance();
        final AllocationMeter meter = AllocationMeter.create();
        for (int i = 0; i < warmup; i++) {
            scenario.runOnce();
        }
        // measuring zero steps first links everything the measured phase uses; it must be 0
        final long overhead = measuredPhase(meter, scenario, 0);
        if (0 != overhead) {
            throw new IllegalStateException("the measured phase allocates " + overhead + " bytes with zero steps");
        }
        final long bytes = measuredPhase(meter, scenario, iterations);
        System.out.println(RESULT_PREFIX + bytes);
    }

    private static long measuredPhase(final AllocationMeter meter, final AllocationScenario scenario, final int iterations) throws Exception {
        final long before = meter.allocatedBytes();
        for (int i = 0; i < iterations; i++) {
            scenario.runOnce();
        }
        return meter.allocatedBytes() - before;
    }
}
