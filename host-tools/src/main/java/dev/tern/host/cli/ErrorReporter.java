package dev.tern.host.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where an error becomes a message and an exit code. A usage error names what was
 * wrong and how to get help; a failure prints {@code tern COMMAND: message}, without a stack trace
 * unless {@code TERN_DEBUG} is set.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** {@code commandLine} with its errors reported here; returns it. */
    public static CommandLine reportingErrors(CommandLine commandLine) {
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionExceptionHandler(reporter);
        return commandLine;
    }

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText(error.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (System.getenv("TERN_DEBUG") != null) {
            error.printStackTrace(err);
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        err.println(command.getColorScheme().errorText(command.getCommandSpec().qualifiedName() + ": " + message));
        return error instanceof TernException tern ? tern.exitCode() : ExitCodes.FAILURE;
    }
}
