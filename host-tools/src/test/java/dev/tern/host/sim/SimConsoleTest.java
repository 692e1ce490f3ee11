package dev.tern.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        SimConsole console = new SimConsole(() -> List.of("wear: report " + reports.incrementAndGet()), new PrintWriter(text));

        console.serve(new ByteArrayInputStream("wear\n\n  help \nbogus\nwear\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("wear: report 1\n" + SimConsole.HELP + "\n"
                + "sim: unknown command 'bogus'; commands: 'wear' (erases per flash unit, % of endurance, busy time), 'help'\n"
                + "wear: report 2\n", text.toString().replace(System.lineSeparator(), "\n"));
    }
}
