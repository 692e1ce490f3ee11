package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FlashClockTest {

    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void accountedTimeIsCountedWithoutWaiting() throws Exception {
        final FlashClock clock = new FlashClock(TimingMode.ACCOUNTED);
        // an hour-long stall would hit the test's timeout if it slept
        assertEquals(HOUR, clock.stall(HOUR));
        assertEquals(250, clock.stall(250));
        assertEquals(new FlashClock.Stats(HOUR + 250, 2, HOUR), clock.stats());
    }

    @Test
    void aCutEndsARealStallAndTheStallsAfterIt() throws Exception {
        final FlashClock clock = new FlashClock(TimingMode.REAL);
        final CompletableFuture<Long> stalled = CompletableFuture.supplyAsync(() -> {
            try {
                return clock.stall(HOUR);
            } catch (final InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!FlashMemoryPartTest.sleepingIn(FlashClock.class)) {
            Thread.onSpinWait();
        }
        clock.cut();
        final long passed = stalled.get(20, TimeUnit.SECONDS);
        assertTrue(passed < HOUR, "the stall ended at the cut: passed=" + passed);
        assertEquals(passed, clock.stats().busyNanos(), "only the time that passed counts");
        assertEquals(0, clock.stall(HOUR), "no power: a stall ends at once");
        clock.restore();
        assertEquals(1, clock.stats().operations(), "a stall without power is no operation");
    }
}
