package dev.tern.host;

import java.util.regex.Pattern;

import dev.tern.host.cli.ErrorReporter;
import dev.tern.host.cli.RegexConverter;
import dev.tern.host.cli.WholeWordHelp;
import picocli.CommandLine;

/** Entry point of the {@code tern} command. */
public final class Main {

    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private Main() {
    }

    public static void main(String[] args) {
        // jssc loads its native library through native-lib-loader, which logs with slf4j; the tern jar
        // carries no slf4j provider (a provider in its lib/ would reach any class path holding the
        // jar, through its manifest), so keep slf4j's own "no providers" warning off stderr
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with the one place that turns errors into messages and exit codes. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TernCommand());
        commandLine.registerConverter(Pattern.class, new RegexConverter());
        WholeWordHelp.install(commandLine);
        return ErrorReporter.reportingErrors(commandLine);
    }
}
