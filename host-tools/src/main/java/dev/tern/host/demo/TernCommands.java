package dev.tern.host.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.tern.host.cli.ErrorReporter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs other {@code tern} commands the way a user types them (a fresh command line, the same
 * output), first echoing {@code $ tern ...}: the demo shows the everyday commands it stands for.
 */
public final class TernCommands {

    private final CommandSpec root;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<String> echo;

    /** {@code root}: the {@code tern} command the demo runs under, whose siblings it runs. */
    public TernCommands(CommandSpec root, PrintWriter out, PrintWriter err, Consumer<String> echo) {
        this.root = root;
        this.out = out;
        this.err = err;
        this.echo = echo;
    }

    /** Whether this tern has the command {@code name}. */
    public boolean has(String name) {
        return root.subcommands().containsKey(name);
    }

    /** Runs {@code tern args...}; returns its exit code. */
    public int run(List<String> args) {
        echo.accept("$ tern " + quoted(args));
        CommandLine commandLine = ErrorReporter.reportingErrors(
                new CommandLine(root.userObject().getClass(), root.commandLine().getFactory()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args.toArray(new String[0]));
        out.flush();
        err.flush();
        return code;
    }

    private static String quoted(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.add(arg.isEmpty() || arg.matches(".*[\\s'\"$\\\\|&;<>()*?].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return String.join(" ", words);
    }
}
