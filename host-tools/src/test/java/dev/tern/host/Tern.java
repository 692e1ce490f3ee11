package dev.tern.host;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

import picocli.CommandLine;

/** Runs a {@code tern} command line as Main does, capturing its output, error text and exit code. */
public final class Tern {

    public final int exitCode;
    public final String out;
    public final String err;

    private Tern(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static Tern run(Object... args) {
        return runWith(commandLine -> { }, args);
    }

    /** As {@link #run}, after {@code setup} set what a test gives a command (its environment, its ports). */
    public static Tern runWith(Consumer<CommandLine> setup, Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        setup.accept(commandLine);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        int code = commandLine.execute(strings);
        return new Tern(code, out.toString(), err.toString());
    }

    public static Tern of(int exitCode, String out, String err) {
        return new Tern(exitCode, out, err);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
    }
}
