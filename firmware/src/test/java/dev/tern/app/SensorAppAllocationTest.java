package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.LoopbackBroker;
import dev.tern.testsupport.AllocationScenario;
import dev.tern.testsupport.ForkedAllocationCheck;

/**
 * The app's steady state allocates nothing: in a forked -Xint JVM, 5,000 steps of 50 ms on the
 * board clock, with all three sensors publishing at QoS 0, 1 and 2 every 100 ms, the packet trace
 * and debug lines on the console, keep-alive pings, console commands typed now and then, and the
 * connection cut every 500 steps (reconnect, session resume, re-send).
 */
class SensorAppAllocationTest {

    @Tag("slow")
    @Test
    void steadyStateAllocatesNothing() {
        assertEquals(0, ForkedAllocationCheck.run(SteadyState.class, 600, 5_000, Duration.ofMinutes(4), List.of()));
    }

    static final class SteadyState implements AllocationScenario {
        private final LoopbackBroker broker = new LoopbackBroker();
        private final FakeBoard board = new FakeBoard("alloc", broker);
        private final SensorApp app = new SensorApp();
        private final byte[] status = "status\n".getBytes(StandardCharsets.US_ASCII);
        private final byte[] qos = "qos temperature 1\ninterval humidity 100\ntrace on\nhelp\n".getBytes(StandardCharsets.US_ASCII);
        private final byte[] unknown = "frobnicate\n".getBytes(StandardCharsets.US_ASCII);
        private int steps;

        SteadyState() {
            board.config("sensor.temperature.qos=0", "sensor.humidity.qos=1", "sensor.pressure.qos=2",
                    "sensor.temperature.interval=100", "sensor.humidity.interval=100", "sensor.pressure.interval=100",
                    "log.level=debug", "log.trace=on", "mqtt.keepAlive=30", "mqtt.reconnectMin=100", "mqtt.reconnectMax=100");
            app.boot(board);
        }

        @Override
        public void runOnce() {
            steps++;
            if (0 == steps % 100) {
                board.console.type(status);
            } else if (0 == steps % 250) {
                board.console.type(qos);
            } else if (0 == steps % 333) {
                board.console.type(unknown);
            }
            if (0 == steps % 500) {
                broker.cutOnNextPublish();
            }
            board.clock += 50;
            app.step(board.clock);
            if (steps > 100 && app.sequence(2) < steps / 3) {
                throw new IllegalStateException("readings stopped at step " + steps);
            }
            if (steps > 1000 && app.client().counters().reconnects < steps / 500 - 1) {
                throw new IllegalStateException("no reconnect after the cuts at step " + steps);
            }
        }
    }
}
