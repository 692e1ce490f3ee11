package dev.tern.host.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page split into what the docs check reads: the lines of fenced code blocks, the
 * inline code spans and links of the prose, the anchors its headings get, and the {@code tern}
 * command it documents (named in backticks in its title: {@code # Flash (`tern flash`)}).
 */
final class MarkdownPage {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern TITLE_COMMAND = Pattern.compile("`(?:\\./)?tern ([a-z]+)`");

    /** A piece of text and the line it starts on (1-based). */
    record Text(int line, String text) { }

    private final Path file;
    private final List<Text> codeLines = new ArrayList<>();
    private final List<Text> spans = new ArrayList<>();
    private final List<Text> prose = new ArrayList<>();
    private final List<Text> links = new ArrayList<>();
    private final Set<String> anchors = new LinkedHashSet<>();
    private String title = "";

    private MarkdownPage(final Path file, final List<String> lines) {
        this.file = file;
        final Map<String, Integer> slugCounts = new HashMap<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i);
            final int number = i + 1;
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                codeLines.add(new Text(number, line));
                continue;
            }
            final Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                if (title.isEmpty() && heading.group(1).length() == 1) {
                    title = heading.group(2);
                }
                anchors.add(uniqueSlug(slug(heading.group(2)), slugCounts));
            }
            final Matcher span = SPAN.matcher(line);
            final StringBuilder outside = new StringBuilder();
            int last = 0;
            while (span.find()) {
                spans.add(new Text(number, span.group(2).trim()));
                outside.append(line, last, span.start()).append(' ');
                last = span.end();
            }
            outside.append(line.substring(last));
            prose.add(new Text(number, outside.toString()));
            final Matcher link = LINK.matcher(outside);
            while (link.find()) {
                links.add(new Text(number, link.group(1)));
            }
        }
    }

    static MarkdownPage read(final Path file) {
        try {
            return new MarkdownPage(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces become hyphens. */
    static String slug(final String heading) {
        final String plain = heading.replace("`", "").toLowerCase(Locale.ROOT).trim();
        final StringBuilder slug = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            final char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.append(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        }
        return slug.toString();
    }

    private static String uniqueSlug(final String slug, final Map<String, Integer> counts) {
        final int seen = counts.merge(slug, 1, Integer::sum) - 1;
        return seen == 0 ? slug : slug + "-" + seen;
    }

    Path file() {
        return file;
    }

    /** The {@code tern} command this page documents, when its title names one. */
    Optional<String> command() {
        final Matcher m = TITLE_COMMAND.matcher(title);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    List<Text> codeLines() {
        return codeLines;
    }

    List<Text> spans() {
        return spans;
    }

    /** Each prose line with its code spans blanked out. */
    List<Text> prose() {
        return prose;
    }

    /** Link targets outside code, as written: {@code flash.md#noisy-lines}, {@code #json}. */
    List<Text> links() {
        return links;
    }

    Set<String> anchors() {
        return anchors;
    }
}
