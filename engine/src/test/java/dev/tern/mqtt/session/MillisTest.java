package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MillisTest {

    @Test
    void comparesAcrossTheWrap() {
        assertTrue(Millis.isBefore(Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertFalse(Millis.isBefore(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertTrue(Millis.isBefore(-1, 0));
        assertFalse(Millis.isBefore(5, 5));
    }

    @Test
    void aDeadlineIsDueFromItsInstantOnEvenAfterTheWrap() {
        int deadline = Integer.MAX_VALUE - 10;
        assertFalse(Millis.isDue(deadline, deadline - 1));
        assertTrue(Millis.isDue(deadline, deadline));
        assertTrue(Millis.isDue(deadline, deadline + 100)); // wrapped to negative
    }
}
