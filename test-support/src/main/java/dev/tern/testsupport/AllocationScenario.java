package dev.tern.testsupport;

/**
 * One step of a steady state whose allocation {@link ForkedAllocationCheck} measures in a
 * forked interpreter-only JVM. The class needs a constructor without parameters (it may be
 * private, and the class may be a nested one); build everything the step uses there, or on
 * the first warm-up steps: only the measured steps count.
 *
 * <pre>{@code
 * static final class PollWhileIdle implements AllocationScenario {
 *     private final MqttEngine engine = TestEngines.connected();
 *     private long now;
 *     public void runOnce() { engine.poll(now += 10); }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AllocationScenario {

    /** One step; called {@code warmup} times, then {@code iterations} times while measured. */
    void runOnce() throws Exception;
}
