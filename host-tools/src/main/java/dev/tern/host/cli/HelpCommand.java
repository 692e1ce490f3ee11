package dev.tern.host.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tern help [COMMAND...]}: the help of the command the whole path names ({@code tern help
 * image sign}), where picocli's own help command stops at the first word.
 */
@Command(name = "help",
        helpCommand = true,
        header = "Show the help of a command: 'tern help image sign' is 'tern image sign --help'.")
public final class HelpCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand if it has them.")
    List<String> path = new ArrayList<>();

    @Override
    public void run() {
        CommandLine command = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = command.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no command '" + name + "' in '"
                        + command.getCommandSpec().qualifiedName() + "'" + (command.getSubcommands().isEmpty() ? ""
                        : "; its commands: " + String.join(", ", command.getSubcommands().keySet())));
            }
            command = next;
        }
        command.usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
    }
}
