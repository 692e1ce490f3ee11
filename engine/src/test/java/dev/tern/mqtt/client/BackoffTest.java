package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reconnect delays: doubling from min to max, jitter within its share, deterministic per seed. */
class BackoffTest {

    private static List<Integer> delays(Backoff backoff, int count) {
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.nextDelayMillis());
        }
        return delays;
    }

    @Test
    void withoutJitterDoublesFromMinAndStaysAtMax() {
        assertEquals(List.of(500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000), delays(new Backoff(500, 5_000, 0, 1), 7));
    }

    @Test
    void jitterStaysWithinItsShareOfEachBase() {
        Backoff backoff = new Backoff(1_000, 30_000, 20, 99);
        int[] bases = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000};
        for (int i = 0; i < 200; i++) {
            int base = bases[Math.min(i, bases.length - 1)];
            int delay = backoff.nextDelayMillis();
            assertTrue(delay >= base * 0.8 && delay <= base * 1.2, "delay " + i + " = " + delay + " for base " + base);
        }
    }

    @Test
    void jitterActuallyMovesTheDelays() {
        List<Integer> delays = delays(new Backoff(10_000, 10_000, 50, 7), 20);
        assertTrue(delays.stream().distinct().count() > 10, delays.toString());
    }

    @Test
    void sameSeedGivesSameDelaysAndAnotherSeedOthers() {
        assertEquals(delays(new Backoff(1_000, 60_000, 25, 1234), 12), delays(new Backoff(1_000, 60_000, 25, 1234), 12));
        assertNotEquals(delays(new Backoff(1_000, 60_000, 25, 1234), 12), delays(new Backoff(1_000, 60_000, 25, 4321), 12));
    }

    @Test
    void seedZeroStillJitters() {
        List<Integer> delays = delays(new Backoff(10_000, 10_000, 50, 0), 10);
        assertTrue(delays.stream().distinct().count() > 1, delays.toString());
    }

    @Test
    void resetStartsAgainFromMin() {
        Backoff backoff = new Backoff(100, 10_000, 0, 1);
        delays(backoff, 5);
        assertEquals(5, backoff.failures());
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertEquals(List.of(100, 200), delays(backoff, 2));
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedMax() {
        Backoff backoff = new Backoff(1, 86_400_000, 100, 5);
        for (int i = 0; i < 100_000; i++) {
            int delay = backoff.nextDelayMillis();
            assertTrue(delay >= 1 && delay <= 2 * 86_400_000, "delay " + delay);
        }
    }
}
