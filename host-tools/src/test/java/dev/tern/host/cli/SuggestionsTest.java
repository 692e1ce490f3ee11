package dev.tern.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> TAGS = List.of("boot", "cfg", "session", "mqtt", "app", "cmd");

    @Test
    void aSlipOrASwapFindsTheNearestWord() {
        assertEquals("mqtt", Suggestions.closest("mqqt", TAGS));
        assertEquals("session", Suggestions.closest("sesion", TAGS));
        assertEquals("--port", Suggestions.closest("--prot", List.of("--board", "--port", "--json")));
        assertEquals("sensor.temperature.qos", Suggestions.closest("sensor.temperature.qso",
                List.of("sensor.temperature.qos", "sensor.humidity.qos", "cmd.qos")));
    }

    @Test
    void nothingNearSuggestsNothing() {
        assertNull(Suggestions.closest("wifi", TAGS));
        assertNull(Suggestions.closest("xy", TAGS), "two letters changed of two is not a typo");
        assertEquals("", Suggestions.didYouMean("wifi", TAGS));
        assertEquals(" (did you mean mqtt?)", Suggestions.didYouMean("MQTX", TAGS));
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, Suggestions.distance("qos", "qos"));
        assertEquals(1, Suggestions.distance("qso", "qos"));
        assertEquals(1, Suggestions.distance("mqt", "mqtt"));
        assertEquals(3, Suggestions.distance("", "abc"));
    }
}
