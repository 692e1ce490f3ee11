package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadingsClockTest {

    private final ReadingsClock clock = new ReadingsClock();

    @Test
    void beforeTheBoardPublishesNoTimeHasPassed() {
        assertEquals(0, clock.seconds());
        assertEquals("readings over MQTT 5 after 0 s", clock.heading(true, null, "5"));
    }

    @Test
    void theCalmHeadingSaysHowItEnds() {
        assertEquals("readings over MQTT 3.1.1 after 0 s (Ctrl-C ends the demo)", clock.heading(false, null, "3.1.1"));
        assertEquals("readings over MQTT 5 after 0 s of 30 s", clock.heading(false, Duration.ofSeconds(30), "5"));
    }
}
