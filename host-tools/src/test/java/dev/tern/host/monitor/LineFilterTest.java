package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class LineFilterTest {

    private static final List<String> LINES = List.of(
            "E 1.000 mqtt: refused",
            "W 1.001 cfg: unknown key",
            "I 1.002 cmd: > status",
            "D 1.003 app: temperature",
            "T 1.004 mqtt: send: publish (id=1, qos=2, dup=0, 40 B)",
            "W 1.005 mqtt: disconnected",
            "boot: image 0.1.0+0 verified (ed25519)",
            "garbage");

    private static List<String> shown(String... filters) {
        LineFilter filter = LineFilter.of(List.of(filters));
        return LINES.stream().filter(line -> filter.shows(LineClass.of(line))).collect(Collectors.toList());
    }

    @Test
    void noFilterShowsEverything() {
        assertEquals(LINES, shown());
    }

    @Test
    void aLevelShowsThatLevelAndWorseAndLinesWithNoLevel() {
        assertEquals(List.of("E 1.000 mqtt: refused", "W 1.001 cfg: unknown key", "W 1.005 mqtt: disconnected",
                "boot: image 0.1.0+0 verified (ed25519)", "garbage"), shown("W"));
        assertEquals(shown("W"), shown("warn"));
        assertEquals(shown("W"), shown("w"));
        assertEquals(LINES, shown("T"), "the trace is the least severe: T shows all");
    }

    @Test
    void twoLevelsMeanTheLessSevereOne() {
        assertEquals(shown("I"), shown("E", "I"));
    }

    @Test
    void tagsShowLinesWithOneOfThemInAnyCase() {
        assertEquals(List.of("E 1.000 mqtt: refused", "I 1.002 cmd: > status",
                "T 1.004 mqtt: send: publish (id=1, qos=2, dup=0, 40 B)", "W 1.005 mqtt: disconnected"), shown("MQTT", "cmd"));
        assertEquals(List.of("boot: image 0.1.0+0 verified (ed25519)"), shown("boot"));
    }

    @Test
    void aLevelAndATagMustBothMatch() {
        assertEquals(List.of("E 1.000 mqtt: refused", "W 1.005 mqtt: disconnected"), shown("W", "mqtt"));
        assertEquals(shown("W", "mqtt"), shown("mqtt", "W"));
    }

    @Test
    void anUnknownTagIsRefusedWithTheNearestKnownOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LineFilter.of(List.of("W", "mqqt")));

        assertTrue(error.getMessage().startsWith("--filter mqqt: no such level or tag (did you mean mqtt?)"), error.getMessage());
    }

    @Test
    void anEmptyValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LineFilter.of(Stream.of(" ").collect(Collectors.toList())));
    }
}
