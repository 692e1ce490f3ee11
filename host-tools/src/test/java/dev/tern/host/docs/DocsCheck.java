package dev.tern.host.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks one Markdown page against the code (docs/testing.md, "The docs test"): every code
 * reference names a class and member that exist, every {@code --option} given to {@code tern}
 * exists in that command, every relative link and {@code #anchor} resolves. Returns the problems
 * as {@code path:line: what}, none when the page is right.
 */
final class DocsCheck {

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-z][a-z0-9+.-]*:.*");

    private final Path root;
    private final CodeIndex code;
    private final CommandLine tern;

    DocsCheck(final Path root, final CodeIndex code, final CommandLine tern) {
        this.root = root;
        this.code = code;
        this.tern = tern;
    }

    /** Every check: code references, options, links. */
    List<String> check(final MarkdownPage page) {
        final List<String> problems = new ArrayList<>();
        problems.addAll(checkReferences(page));
        problems.addAll(checkOptions(page));
        problems.addAll(checkLinks(page));
        return problems;
    }

    List<String> checkReferences(final MarkdownPage page) {
        final List<String> problems = new ArrayList<>();
        for (final MarkdownPage.Text span : page.spans()) {
            final Optional<CodeReference> reference = CodeReference.parse(span.text());
            if (reference.isPresent()) {
                unresolved(reference.get()).ifPresent(why -> problems.add(where(page, span) + "`" + span.text() + "`: " + why));
            }
        }
        return problems;
    }

    private Optional<String> unresolved(final CodeReference reference) {
        List<CodeIndex.Type> types = code.find(reference.type());
        if (types.isEmpty()) {
            return Optional.of("no class " + reference.type() + " in the repository or the JDK");
        }
        final List<String> members = reference.members();
        for (int i = 0; i < members.size(); i++) {
            final String member = members.get(i);
            if (i == members.size() - 1) {
                final boolean found = types.stream().anyMatch(t -> code.hasMember(t, member));
                return found ? Optional.empty() : Optional.of(reference.type() + " has no member " + member);
            }
            types = code.nested(types, member);
            if (types.isEmpty()) {
                return Optional.of(reference.type() + " has no nested class " + member);
            }
        }
        return Optional.empty();
    }

    List<String> checkOptions(final MarkdownPage page) {
        final List<String> problems = new ArrayList<>();
        final Optional<CommandLine> pageCommand = page.command().map(name -> tern.getSubcommands().get(name));
        if (page.command().isPresent() && pageCommand.orElse(null) == null) {
            problems.add(where(page, new MarkdownPage.Text(1, "")) + "the title names `tern " + page.command().get() + "`, which is no command");
            return problems;
        }
        for (final MarkdownPage.Text line : joinContinuations(page.codeLines())) {
            checkOptionsIn(page, line, pageCommand, problems);
        }
        for (final MarkdownPage.Text span : page.spans()) {
            checkOptionsIn(page, span, pageCommand, problems);
        }
        if (pageCommand.isPresent()) {
            for (final MarkdownPage.Text prose : page.prose()) {
                checkEach(page, prose, prose.text(), pageCommand.get(), true, problems);
            }
        }
        return problems;
    }

    /**
     * A {@code tern} invocation is checked against the (sub)command it runs, up to the next
     * {@code tern} in the same text (a message may quote another command: {@code tern flash: ...
     * with 'tern sim --pty' ...}); text starting with an option against the page's command;
     * anything else (another program) not at all.
     */
    private void checkOptionsIn(final MarkdownPage page, final MarkdownPage.Text text, final Optional<CommandLine> pageCommand,
            final List<String> problems) {
        final String[] words = text.text().trim().replaceFirst("^\\$\\s+", "").split("\\s+");
        final List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            final boolean plain = words[i].equals("tern") || words[i].endsWith("/tern");
            // a quoted command inside a message: 'tern sim --pty' (but not prose such as "(tern sim, ser2net)")
            final boolean quoted = words[i].replaceFirst("^['\"(`]+", "").equals("tern") && i + 1 < words.length
                    && tern.getSubcommands().containsKey(words[i + 1].replaceFirst(":$", ""));
            if (plain || quoted) {
                starts.add(i);
            }
        }
        CommandLine outer = null;
        int from = 0;
        for (int s = 0; s < starts.size(); s++) {
            final int start = starts.get(s);
            if (outer != null) {
                checkEach(page, text, String.join(" ", List.of(words).subList(from, start)), outer, false, problems);
            }
            CommandLine command = tern;
            int next = start + 1;
            // "tern flash: no answer ..." is flash's own message: its options are flash's
            while (next < words.length && command.getSubcommands().containsKey(words[next].replaceFirst(":$", ""))) {
                command = command.getSubcommands().get(words[next].replaceFirst(":$", ""));
                next++;
            }
            final int limit = s + 1 < starts.size() ? starts.get(s + 1) : words.length;
            final char quote = words[start].charAt(0);
            int end = limit;
            if (quote == '\'' || quote == '`') {
                // the quoted command ends at its closing quote; the message goes on with the outer command
                for (int j = next; j < limit; j++) {
                    if (words[j].indexOf(quote) >= 0) {
                        end = j + 1;
                        break;
                    }
                }
            }
            checkEach(page, text, String.join(" ", List.of(words).subList(next, end)), command, false, problems);
            if (outer == null) {
                outer = command;
            }
            from = end;
        }
        if (outer != null && from < words.length) {
            checkEach(page, text, String.join(" ", List.of(words).subList(from, words.length)), outer, false, problems);
        }
        if (starts.isEmpty() && pageCommand.isPresent() && words.length > 0 && words[0].startsWith("--")) {
            checkEach(page, text, text.text(), pageCommand.get(), true, problems);
        }
    }

    private void checkEach(final MarkdownPage page, final MarkdownPage.Text where, final String text, final CommandLine command,
            final boolean withSubcommands, final List<String> problems) {
        final Set<String> known = withSubcommands ? optionsWithSubcommands(command) : options(command);
        final Matcher option = OPTION.matcher(text);
        while (option.find()) {
            if (!known.contains(option.group())) {
                problems.add(where(page, where) + option.group() + " is no option of `" + command.getCommandSpec().qualifiedName()
                        + "`" + (withSubcommands ? " or its subcommands" : "") + " (it has " + String.join(" ", known) + ")");
            }
        }
    }

    private static Set<String> options(final CommandLine command) {
        final Set<String> names = new LinkedHashSet<>();
        for (final OptionSpec option : command.getCommandSpec().options()) {
            names.addAll(List.of(option.names()));
        }
        return names;
    }

    private static Set<String> optionsWithSubcommands(final CommandLine command) {
        final Set<String> names = options(command);
        for (final CommandLine sub : command.getSubcommands().values()) {
            names.addAll(optionsWithSubcommands(sub));
        }
        return names;
    }

    /** Code lines ending in a backslash go on on the next line: one command. */
    private static List<MarkdownPage.Text> joinContinuations(final List<MarkdownPage.Text> lines) {
        final List<MarkdownPage.Text> joined = new ArrayList<>();
        MarkdownPage.Text pending = null;
        for (final MarkdownPage.Text line : lines) {
            final MarkdownPage.Text current = pending == null ? line
                    : new MarkdownPage.Text(pending.line(), pending.text() + " " + line.text().trim());
            if (current.text().endsWith("\\")) {
                pending = new MarkdownPage.Text(current.line(), current.text().substring(0, current.text().length() - 1));
            } else {
                joined.add(current);
                pending = null;
            }
        }
        if (pending != null) {
            joined.add(pending);
        }
        return joined;
    }

    List<String> checkLinks(final MarkdownPage page) {
        final List<String> problems = new ArrayList<>();
        for (final MarkdownPage.Text link : page.links()) {
            final String target = link.text();
            if (EXTERNAL.matcher(target).matches()) {
                continue;
            }
            final int hash = target.indexOf('#');
            final String path = hash < 0 ? target : target.substring(0, hash);
            final Path file = path.isEmpty() ? page.file() : page.file().getParent().resolve(path).normalize();
            if (!file.startsWith(root) || !Files.exists(file)) {
                problems.add(where(page, link) + "link " + target + ": no file " + path);
                continue;
            }
            if (hash >= 0) {
                final String anchor = target.substring(hash + 1);
                final boolean markdown = file.toString().endsWith(".md") && Files.isRegularFile(file);
                if (!markdown || !MarkdownPage.read(file).anchors().contains(anchor)) {
                    problems.add(where(page, link) + "link " + target + ": no heading #" + anchor + " in " + root.relativize(file));
                }
            }
        }
        return problems;
    }

    private String where(final MarkdownPage page, final MarkdownPage.Text text) {
        return root.relativize(page.file()) + ":" + text.line() + ": ";
    }
}
