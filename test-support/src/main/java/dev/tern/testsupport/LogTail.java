package dev.tern.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, for failure messages. */
final class LogTail {

    static final int DEFAULT_LINES = 40;

    private LogTail() {
    }

    static String of(final Path file) {
        return of(file, DEFAULT_LINES);
    }

    /**
     * The first error and the lines after it, then the last lines: a stack trace's legend can
     * fill the tail while the cause is further up.
     */
    static String firstErrorAndTail(final Path file) {
        if (!Files.isRegularFile(file)) {
            return "(no file " + file + ")";
        }
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    return String.join("\n", lines.subList(i, Math.min(lines.size(), i + 15)))
                            + "\n...\n" + of(file, 10);
                }
            }
        } catch (final IOException e) {
            // fall through to the plain tail, which reports the file's problem itself
        }
        return of(file);
    }

    static String of(final Path file, final int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(no file " + file + ")";
        }
        try {
            // malformed bytes are replaced, not fatal: a log tail must never hide the real error
            final List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
            final int from = Math.max(0, lines.size() - maxLines);
            final String tail = String.join("\n", lines.subList(from, lines.size())).strip();
            return tail.isEmpty() ? "(" + file + " is empty)" : tail;
        } catch (final IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
