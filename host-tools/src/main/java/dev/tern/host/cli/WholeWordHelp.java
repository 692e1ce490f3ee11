package dev.tern.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command's description in its {@code --help}, wrapped at spaces only. Picocli's own wrapping
 * also breaks after ':' and '/', which cut {@code socket://127.0.0.1:4000} in two where a user
 * copies it from. A wrapped line keeps its line's indentation.
 */
public final class WholeWordHelp implements IHelpSectionRenderer {

    /** Renders the description of {@code commandLine} and of all its subcommands this way; returns it. */
    public static CommandLine install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, new WholeWordHelp());
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            install(subcommand);
        }
        return commandLine;
    }

    @Override
    public String render(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        StringBuilder text = new StringBuilder();
        for (String line : usage.description()) {
            wrap(line, usage.width() - 1, text);
        }
        return text.toString();
    }

    /** {@code line} as lines of at most {@code width} characters, broken at spaces (a longer word stands alone). */
    static void wrap(String line, int width, StringBuilder text) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String prefix = line.substring(0, indent);
        StringBuilder current = new StringBuilder(prefix);
        for (String word : line.substring(indent).split(" +")) {
            if (current.length() > indent && current.length() + 1 + word.length() > width) {
                text.append(current).append(System.lineSeparator());
                current.setLength(0);
                current.append(prefix);
            }
            if (current.length() > indent) {
                current.append(' ');
            }
            current.append(word);
        }
        text.append(current).append(System.lineSeparator());
    }
}
