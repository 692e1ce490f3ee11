package dev.tern.host.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where an error becomes a message and an exit code. A usage error names what was
 * wrong and how to get help; a failure prints {@code tern COMMAND: message}, without a stack trace
 * unless {@code TERN_DEBUG} is set, and with {@code --json} also a JSON error object on standard
 * output; an I/O error no command caught is worded by {@link IoErrors}.
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
        List<String> unmatched = command.getUnmatchedArguments();
        if (!(error instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
            // picocli reports a missing required option before an unknown one: '--prot x' would say only
            // that --port is missing, while the typo is what the user needs to see
            UnmatchedArgumentException typo = new UnmatchedArgumentException(command, unmatched);
            err.println(command.getColorScheme().errorText(typo.getMessage()));
            suggest(typo, err);
        }
        err.println(command.getColorScheme().errorText(error.getMessage()));
        if (error instanceof UnmatchedArgumentException typo) {
            suggest(typo, err);
        }
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        reportAsJson(command, ExitCodes.USAGE, error.getMessage());
        return ExitCodes.USAGE;
    }

    /**
     * Picocli suggests options that share the typo's first two letters; a swap ({@code --prot})
     * or a slip in the first letters finds nothing there, so the nearest option name is offered.
     */
    private static void suggest(UnmatchedArgumentException typo, PrintWriter err) {
        if (UnmatchedArgumentException.printSuggestions(typo, err)) {
            return;
        }
        for (String argument : typo.getUnmatched()) {
            if (argument.startsWith("-")) {
                String near = Suggestions.closest(argument.split("=", 2)[0], typo.getCommandLine().getCommandSpec().optionsMap().keySet());
                if (near != null) {
                    err.println("Did you mean " + near + "?");
                    return;
                }
            }
        }
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (System.getenv("TERN_DEBUG") != null) {
            error.printStackTrace(err);
        }
        String message = error instanceof IOException io ? IoErrors.describe(io)
                : error.getMessage() == null ? error.toString() : error.getMessage();
        err.println(command.getColorScheme().errorText(command.getCommandSpec().qualifiedName() + ": " + message));
        int code = exitCode(error);
        reportAsJson(command, code, message);
        return code;
    }

    /**
     * With {@code --json}, a script reads standard output only: the error goes there too, as one
     * object: {@code {"ok":false,"command":"tern flash","exitCode":3,"error":"..."}}.
     */
    private static void reportAsJson(CommandLine command, int code, String message) {
        ParseResult parsed = command.getParseResult();
        if (parsed == null || !parsed.hasMatchedOption("--json")) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ok", false);
        error.put("command", command.getCommandSpec().qualifiedName());
        error.put("exitCode", code);
        error.put("error", message);
        command.getOut().println(Json.object(error));
        command.getOut().flush();
    }

    /** A TernException's own code; a file the user named that cannot be used is an input error (2); else 1. */
    static int exitCode(Exception error) {
        if (error instanceof TernException tern) {
            return tern.exitCode();
        }
        return error instanceof FileSystemException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
}
