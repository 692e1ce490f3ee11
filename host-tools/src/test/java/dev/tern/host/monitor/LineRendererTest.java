package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tern.host.cli.ColorChoice;

class LineRendererTest {

    private static final Instant AT = Instant.parse("2025-06-01T12:04:31.123Z");

    private static String render(boolean timestamps, boolean colors, String line) {
        return new LineRenderer(timestamps, colors, ZoneOffset.UTC).render(line, AT, LineClass.of(line));
    }

    @Test
    void timestampsAreTheHostTimeWithMillis() {
        assertEquals("12:04:31.123 I 0.000 boot: hi", render(true, false, "I 0.000 boot: hi"));
        assertEquals("I 0.000 boot: hi", render(false, false, "I 0.000 boot: hi"));
    }

    @Test
    void colorsFollowTheLevelAndBootLinesStandOut() {
        assertEquals(LineRenderer.RED + "E 1.000 mqtt: x" + LineRenderer.RESET, render(false, true, "E 1.000 mqtt: x"));
        assertEquals(LineRenderer.YELLOW + "W 1.000 cfg: x" + LineRenderer.RESET, render(false, true, "W 1.000 cfg: x"));
        assertEquals("I 1.000 cmd: x", render(false, true, "I 1.000 cmd: x"), "information in the terminal's default");
        assertEquals(LineRenderer.DIM + "D 1.000 app: x" + LineRenderer.RESET, render(false, true, "D 1.000 app: x"));
        assertEquals(LineRenderer.DIM + "T 1.000 mqtt: x" + LineRenderer.RESET, render(false, true, "T 1.000 mqtt: x"));
        assertEquals(LineRenderer.BOOT + "boot: image 1.0.0+0 verified" + LineRenderer.RESET,
                render(false, true, "boot: image 1.0.0+0 verified"));
        assertEquals(LineRenderer.BOOT + "I 0.000 boot: Tern" + LineRenderer.RESET, render(false, true, "I 0.000 boot: Tern"));
        assertEquals(LineRenderer.RED + "boot: refused: x; staying in bootloader" + LineRenderer.RESET,
                render(false, true, "boot: refused: x; staying in bootloader"));
        assertEquals("12:04:31.123 " + LineRenderer.RED + "E 1.000 mqtt: x" + LineRenderer.RESET,
                render(true, true, "E 1.000 mqtt: x"), "the timestamp stays uncolored");
    }

    @Test
    void noEscapeWithoutColors() {
        for (String line : new String[] {"E 1.000 mqtt: x", "W 1.000 cfg: x", "D 1.000 app: x", "boot: image"}) {
            assertFalse(render(true, false, line).contains("\u001b"), line);
        }
    }

    @Test
    void autoColorsOnlyOnATerminalWithoutNoColorWhateverItsValue() {
        assertTrue(ColorChoice.AUTO.colors(true, Map.of()));
        assertFalse(ColorChoice.AUTO.colors(false, Map.of()), "not a terminal");
        assertFalse(ColorChoice.AUTO.colors(true, Map.of("NO_COLOR", "1")));
        assertFalse(ColorChoice.AUTO.colors(true, Map.of("NO_COLOR", "")), "set, even empty");
        assertTrue(ColorChoice.ALWAYS.colors(false, Map.of("NO_COLOR", "1")), "asked for by name");
        assertFalse(ColorChoice.NEVER.colors(true, Map.of()));
    }
}
