package dev.tern.bench.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The ESP32 rows' goals, from made-up runs: tern no slower than each esptool row, a re-flash at most 5 % of a first. */
class EspFlashRowsTest {

    private static FlashRun run(double seconds) {
        return new FlashRun(seconds, 1000, 0.1, 0, 0, "", "");
    }

    @Test
    void ternNoSlowerOnEveryRowAndAShortReflashKeepTheGoals() {
        Map<String, Object> json = new LinkedHashMap<>();
        boolean kept = EspFlashRows.report(List.of(
                new EspFlashRows.Pair("tern flash (ROM)", 921_600, run(30), run(1)),
                new EspFlashRows.Pair("esptool (stub)", 921_600, run(31), run(2))), json);
        assertTrue(kept, json.toString());
        assertEquals(List.of(), json.get("goals_broken"));
    }

    @Test
    void aSlowerFirstFlashAndALongReflashBreakTheGoalsAndAreNamed() {
        Map<String, Object> json = new LinkedHashMap<>();
        boolean kept = EspFlashRows.report(List.of(
                new EspFlashRows.Pair("tern flash (ROM)", 115_200, run(40), run(3)),
                new EspFlashRows.Pair("esptool (stub)", 115_200, run(30), run(4))), json);
        assertFalse(kept);
        assertEquals(List.of("tern flash (ROM)'s unchanged re-flash at 115200 is 7.5 % of its first flash",
                "tern flash (ROM) first at 115200 is 1.33x esptool (stub)"), json.get("goals_broken"));
    }

    @Test
    void esptoolsStubIsComparedWithTernsStubAndItsNoStubWithTernsRom() {
        Map<String, Object> json = new LinkedHashMap<>();
        boolean kept = EspFlashRows.report(List.of(
                new EspFlashRows.Pair("tern flash (ROM)", 921_600, run(40), run(1)),
                new EspFlashRows.Pair("tern flash (stub)", 921_600, run(25), run(1)),
                new EspFlashRows.Pair("esptool (stub)", 921_600, run(24), run(2)),
                new EspFlashRows.Pair("esptool --no-stub", 921_600, run(41), run(2))), json);
        assertFalse(kept);
        assertEquals(List.of("tern flash (stub) first at 921600 is 1.04x esptool (stub)"), json.get("goals_broken"));
    }
}
