package dev.tern.host;

import picocli.CommandLine;

/** Entry point of the {@code tern} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with the one place that turns errors into messages and exit codes. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TernCommand());
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionExceptionHandler(reporter);
        return commandLine;
    }
}
