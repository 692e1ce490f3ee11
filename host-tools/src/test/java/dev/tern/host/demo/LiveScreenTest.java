package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class LiveScreenTest {

    private final StringWriter text = new StringWriter();

    private LiveScreen screen(boolean ansi) {
        return new LiveScreen(new PrintWriter(text), ansi, () -> "readings after 5 s", () -> List.of("row 1", "row 2"));
    }

    @Test
    void plainOutputPrintsLinesAsTheyComeAndTheTableOnEachTickWithoutEscapes() {
        LiveScreen screen = screen(false);
        screen.board("I 0.512 boot: hello");
        screen.startLive();
        screen.tick();
        screen.say("demo: bye");

        assertEquals(String.join(System.lineSeparator(), "board │ I 0.512 boot: hello", "readings after 5 s:", "  row 1",
                "  row 2", "demo: bye", ""), text.toString());
    }

    @Test
    void onATerminalTheTableIsErasedAndRedrawnBelowEachNewLine() {
        LiveScreen screen = screen(true);
        screen.say("before");
        screen.startLive();
        screen.say("first");
        screen.say("second");
        screen.endLive();
        screen.say("after");

        String out = text.toString();
        assertTrue(out.startsWith("before" + System.lineSeparator() + "\u001b[1m── readings after 5 s ──"),
                "no table before startLive: " + out);
        // the 3 table lines (heading and 2 rows) drawn after "first" are erased before "second"
        assertTrue(out.contains("\u001b[3F\u001b[Jfirst" + System.lineSeparator() + "\u001b[1m── readings after 5 s ──"), out);
        assertTrue(out.contains("  row 2" + System.lineSeparator() + "\u001b[3F\u001b[Jsecond"), out);
        assertTrue(out.endsWith("\u001b[3F\u001b[Jafter" + System.lineSeparator()), out);
    }
}
