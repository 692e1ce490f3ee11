package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadingsClockTest {

    private final ReadingsClock clock = new ReadingsClock();

    @Test
    void beforeTheBoardPublishesNoTimeHasPassed() {
        assertEquals(0, clock.seconds());
        assertEquals("readings after 0 s", clock.heading(true, null));
    }

    @Test
    void theCalmHeadingSaysHowItEnds() {
        assertEquals("readings after 0 s (Ctrl-C ends the demo)", clock.heading(false, null));
        assertEquals("readings after 0 s of 30 s", clock.heading(false, Duration.ofSeconds(30)));
    }
}
