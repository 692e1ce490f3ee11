package dev.tern.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what an {@link AllocationScenario} allocates in a forked JVM running with
 * {@code -Xint}: only the interpreter, so no JIT escape analysis can hide an allocation.
 * The fork warms the scenario up, then counts the bytes its measured steps allocate on its
 * own thread.
 *
 * <pre>{@code
 * assertEquals(0, ForkedAllocationCheck.run(PublishQos1Steady.class, 1_000, 10_000));
 * }</pre>
 */
public final class ForkedAllocationCheck {

    /** Generous: the interpreter is slow, and the machine may be busy with other builds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    static final List<String> JVM_OPTIONS = List.of("-Xint", "-XX:+UseSerialGC", "-XX:-UsePerfData");
    private static final Pattern RESULT = Pattern.compile("^" + Pattern.quote(AllocationScenarioRunner.RESULT_PREFIX) + "(\\d+)$", Pattern.MULTILINE);

    private ForkedAllocationCheck() {
    }

    /** Bytes allocated by {@code iterations} steps after {@code warmup} steps; see {@link #run(Class, int, int, Duration)}. */
    public static long run(final Class<? extends AllocationScenario> scenario, final int warmup, final int iterations) {
        return run(scenario, warmup, iterations, DEFAULT_TIMEOUT);
    }

    /**
     * @return bytes allocated by the measured steps
     * @throws IllegalStateException with the fork's stderr when it failed, printed no result, or
     *         ran longer than {@code timeout} (then it is killed)
     */
    public static long run(final Class<? extends AllocationScenario> scenario, final int warmup, final int iterations, final Duration timeout) {
        return run(scenario, warmup, iterations, timeout, List.of());
    }

    /**
     * As {@link #run(Class, int, int, Duration)}, with extra JVM options for the fork, such as
     * {@code -Dtern.broker.port=1883} to tell a scenario where its broker listens.
     */
    public static long run(final Class<? extends AllocationScenario> scenario, final int warmup, final int iterations,
                           final Duration timeout, final List<String> extraJvmOptions) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("warmup=" + warmup + " must be >= 0 and iterations=" + iterations + " must be >= 1");
        }
        final List<String> args = List.of(scenario.getName(), Integer.toString(warmup), Integer.toString(iterations));
        final List<String> options = new java.util.ArrayList<>(JVM_OPTIONS);
        options.addAll(extraJvmOptions);
        final ForkedJvm.Result result = ForkedJvm.run(options,
                ForkedJvm.classPath(scenario, AllocationScenarioRunner.class), AllocationScenarioRunner.class, args, timeout);
        final Matcher found = RESULT.matcher(result.stdout());
        if (0 != result.exitCode() || !found.find()) {
            throw new IllegalStateException("forked -Xint allocation check of " + scenario.getName() + " failed (exit code "
                    + result.exitCode() + ")\n--- stderr:\n" + result.stderr().strip() + "\n--- stdout:\n" + result.stdout().strip());
        }
        return Long.parseLong(found.group(1));
    }
}
