package dev.tern.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.host.cli.ExitCodes;
import picocli.CommandLine;

/** Every command and subcommand answers --help and -h with its own usage, before any option is checked. */
class HelpEverywhereTest {

    @Test
    void everyCommandInTheTreeShowsItsOwnHelpForDashDashHelpAndDashH() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 12, "the walk found too few commands: " + paths);
        for (List<String> path : paths) {
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Tern run = Tern.run(args.toArray());
                String usage = "Usage: tern" + (path.isEmpty() ? "" : " " + String.join(" ", path));
                assertEquals(ExitCodes.OK, run.exitCode, args + " -> " + run);
                assertTrue(run.out.contains(usage), args + " shows someone else's usage: " + run);
                assertEquals("", run.err, args + " -> " + run);
            }
        }
    }

    @Test
    void imageSignHelpListsTheOptionsAUserCannotGuess() {
        Tern run = Tern.run("image", "sign", "--help");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        for (String option : new String[] {"--slot-size", "--pad", "--security-counter", "--version=VERSION"}) {
            assertTrue(run.out.contains(option), option + " missing: " + run);
        }
    }

    @Test
    void helpCommandFollowsTheWholePathToANestedCommand() {
        Tern run = Tern.run("help", "image", "sign");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertTrue(run.out.contains("Usage: tern image sign"), run.toString());
    }

    @Test
    void helpCommandNamesAnUnknownCommandAsAUsageError() {
        Tern run = Tern.run("help", "image", "sing");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("'sing'"), run.toString());
        assertTrue(run.err.contains("sign"), "no suggestion: " + run);
        assertFalse(run.out.contains("Usage:"), run.toString());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        for (var entry : command.getSubcommands().entrySet()) {
            if (!entry.getKey().equals(entry.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> child = new ArrayList<>(path);
            child.add(entry.getKey());
            collect(entry.getValue(), child, into);
        }
    }

}
