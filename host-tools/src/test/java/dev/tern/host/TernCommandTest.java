package dev.tern.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(out.toString().contains("3 device or port not reachable, 4 verification or signature"), out.toString());
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

    @Test
    void helpListsTheEnvironmentVariables() {
        assertEquals(ExitCodes.OK, tern("--help"));

        for (String variable : new String[] {"TERN_DEBUG", "TERN_PLAIN_PROGRESS", "TERN_JAVA_OPTS", "NO_COLOR", "COLUMNS"}) {
            assertTrue(out.toString().contains("\n  " + variable + " "), variable + " in:\n" + out);
        }
        assertTrue(out.toString().contains("docs/environment.md"), out.toString());
    }

    @Test
    void noCommandsHelpCutsAUrlAcrossLines() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertEquals(ExitCodes.OK, tern(command, "--help"), command);
            for (String line : out.toString().split("\\R")) {
                String trimmed = line.strip();
                assertFalse(trimmed.endsWith("socket:") || trimmed.endsWith("rfc2217:") || trimmed.endsWith("tcp:")
                        || trimmed.matches(".*://\\S*:") || trimmed.startsWith("//"), command + " --help cuts a URL: '" + line + "'");
            }
        }
    }
}
