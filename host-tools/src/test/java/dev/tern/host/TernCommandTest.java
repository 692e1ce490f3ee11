package dev.tern.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import dev.tern.host.cli.ExitCodes;
import picocli.CommandLine;

class TernCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int tern(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsUsageCommandsAndExitCodes() {
        int code = tern("--help");

        assertEquals(ExitCodes.OK, code);
        assertTrue(out.toString().contains("Usage: tern [-hV] [COMMAND]"), out.toString());
        assertTrue(out.toString().contains("Commands:"), out.toString());
        assertTrue(out.toString().contains("4 verification or signature failure."), out.toString());
    }

    @Test
    void noArgumentsPrintsUsageRatherThanNothing() {
        assertEquals(ExitCodes.OK, tern());
        assertTrue(out.toString().contains("Usage: tern [-hV] [COMMAND]"), out.toString());
    }

    @Test
    void versionNamesTernAndTheJavaItRunsOn() {
        assertEquals(ExitCodes.OK, tern("--version"));
        assertTrue(out.toString().startsWith("tern "), out.toString());
        assertTrue(out.toString().contains("Java " + System.getProperty("java.version")), out.toString());
    }

    @Test
    void unknownCommandIsAUsageErrorThatSaysWhatWasWrong() {
        int code = tern("fly");

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("Unmatched argument at index 0: 'fly'"), err.toString());
        assertTrue(err.toString().contains("Run 'tern --help' for usage."), err.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, tern("--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    }
}
