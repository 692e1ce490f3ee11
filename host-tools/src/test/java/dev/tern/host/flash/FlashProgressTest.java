package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class FlashProgressTest {

    @Test
    void onANarrowTerminalTheBarRedrawsInPlaceWithinTheWidth() {
        StringWriter text = new StringWriter();
        FlashProgress bar = FlashProgress.bar(new PrintWriter(text), 50);

        bar.start("write", 150 * 1024);
        for (int i = 0; i < 600; i++) {
            bar.advanced(256);
        }
        bar.end();

        String drawn = text.toString();
        assertFalse(drawn.contains("\n"), "every redraw returns to the start of the same line: " + drawn);
        for (String line : drawn.split("\r")) {
            assertTrue(line.length() <= 49, line.length() + " columns: '" + line + "'");
        }
        assertTrue(drawn.contains("write [#"), drawn);
    }

    @Test
    void theLineDropsRateAndTimeThenTheBarWhereTheyDoNotFit() {
        String wide = FlashProgress.line("verify", 50 * 1024, 100 * 1024, 2_000_000_000L, 100);
        String narrow = FlashProgress.line("verify", 50 * 1024, 100 * 1024, 2_000_000_000L, 40);
        String tiny = FlashProgress.line("verify", 50 * 1024, 100 * 1024, 2_000_000_000L, 20);

        assertEquals(99, wide.length(), wide);
        assertTrue(wide.endsWith("] 50% 50 KB / 100 KB  25 KB/s  2 s left"), wide);
        assertEquals(39, narrow.length(), narrow);
        assertTrue(narrow.startsWith("verify [####") && narrow.endsWith("] 50% 50 KB / 100 KB"), narrow);
        assertTrue(tiny.length() <= 19 && tiny.startsWith("verify 50% 50 KB"), tiny);
    }

    @Test
    void plainOutputSaysAReadBackStartsButNotEachBlock() {
        StringWriter text = new StringWriter();
        FlashProgress plain = FlashProgress.plain(new PrintWriter(text));

        plain.start("compare", 20 * 1024);
        plain.advanced(256);
        plain.end();
        plain.start("write", 1024);
        plain.end();

        assertEquals("compare: reading back 20 KB ...\n", text.toString().replace(System.lineSeparator(), "\n"));
    }
}
