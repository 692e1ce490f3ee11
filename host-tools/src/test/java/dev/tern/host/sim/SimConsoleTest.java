package dev.tern.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SimConsoleTest {

    @Test
    void answersWearHelpAndUnknownCommandsLineByLine() throws IOException {
        StringWriter text = new StringWriter();
        AtomicInteger reports = new AtomicInteger();
        SimConsole console = new SimConsole(() -> List.of("wear: report " + reports.incrementAndGet()),
                romLoader -> fail("no button pressed"), new PrintWriter(text));

        console.serve(new ByteArrayInputStream("wear\n\n  help \nbogus\nwear\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("wear: report 1\n" + SimConsole.HELP + "\n"
                + "sim: unknown command 'bogus'; " + SimConsole.HELP.substring("sim: ".length()) + "\n"
                + "wear: report 2\n", text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void bootloaderAndResetPressTheBoardsButtonsWithTheBootPinSetOrReleased() throws IOException {
        StringWriter text = new StringWriter();
        List<Boolean> presses = new java.util.ArrayList<>();
        SimConsole console = new SimConsole(List::of, presses::add, new PrintWriter(text));

        console.serve(new ByteArrayInputStream("bootloader\nreset\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of(true, false), presses);
        assertEquals("sim: reset with the boot pin set: the board waits in its ROM loader\n"
                + "sim: reset: the board boots its flash\n", text.toString().replace(System.lineSeparator(), "\n"));
    }
}
