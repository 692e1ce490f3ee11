package dev.tern.host.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.tern.host.cli.Suggestions;

/**
 * Which lines {@code --filter} shows. Each value is a level ({@code E W I D T} or error, warn,
 * info, debug, trace) or a tag ({@code mqtt}, {@code cmd}, ...):
 * <ul>
 * <li>a level shows lines of that level and more severe ({@code W}: warnings and errors); given
 *     more than once, the least severe counts;</li>
 * <li>tags show lines with one of those tags (any case);</li>
 * <li>levels and tags together show a line only when it passes both ({@code W mqtt}: mqtt's
 *     warnings and errors);</li>
 * <li>a line with no level (the boot stage's {@code boot: image ... verified}, text not in the
 *     log format) passes a level filter: nothing the boot stage says is hidden by one. A line with
 *     no tag fails a tag filter.</li>
 * </ul>
 */
public final class LineFilter {

    /**
     * The tags Tern's boards print: the firmware log's (dev.tern.app.Log: boot, cfg, session, mqtt,
     * app, cmd), the boot stage's (boot, fault) and an ESP32 ROM's banner ({@link LineClass#ROM_TAG}).
     * A filter on another word would show nothing.
     */
    public static final List<String> KNOWN_TAGS = List.of("boot", "cfg", "session", "mqtt", "app", "cmd", "fault",
            LineClass.ROM_TAG);

    /** Shows every line. */
    public static final LineFilter ALL = new LineFilter(null, Set.of());

    private final LogLevel threshold;
    private final Set<String> tags;

    private LineFilter(LogLevel threshold, Set<String> tags) {
        this.threshold = threshold;
        this.tags = tags;
    }

    /** From the {@code --filter} values, in any order; empty shows everything. */
    public static LineFilter of(List<String> values) {
        LogLevel threshold = null;
        Set<String> tags = new TreeSet<>();
        for (String value : values) {
            String trimmed = value.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("an empty --filter; give a level (E W I D T) or a tag (mqtt, cmd, ...)");
            }
            LogLevel level = LogLevel.parse(trimmed);
            if (level == null) {
                String tag = trimmed.toLowerCase(Locale.ROOT);
                if (!KNOWN_TAGS.contains(tag)) {
                    throw new IllegalArgumentException("--filter " + trimmed + ": no such level or tag"
                            + Suggestions.didYouMean(tag, KNOWN_TAGS) + "; the levels: E W I D T (or error warn info debug "
                            + "trace), the tags: " + String.join(", ", KNOWN_TAGS));
                }
                tags.add(tag);
            } else if (threshold == null || !level.atLeast(threshold)) {
                threshold = level;
            }
        }
        return new LineFilter(threshold, Set.copyOf(tags));
    }

    public boolean shows(LineClass line) {
        if (threshold != null && line.level() != null && !line.level().atLeast(threshold)) {
            return false;
        }
        return tags.isEmpty() || (line.tag() != null && tags.contains(line.tag().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (threshold != null) {
            parts.add(threshold.letter() + " and worse");
        }
        if (!tags.isEmpty()) {
            parts.add("tags " + String.join(",", tags));
        }
        return parts.isEmpty() ? "all lines" : String.join(", ", parts);
    }
}
