package dev.tern.host.monitor;

import java.util.Locale;

/**
 * The level letter that starts a board's log line ({@code dev.tern.app.Log}), most severe first:
 * {@code E W I D T}. The packet trace ({@code T}) counts as the least severe: it is the most
 * verbose.
 */
public enum LogLevel {
    ERROR('E', "error"), WARN('W', "warn"), INFO('I', "info"), DEBUG('D', "debug"), TRACE('T', "trace");

    private final char letter;
    private final String word;

    LogLevel(char letter, String word) {
        this.letter = letter;
        this.word = word;
    }

    public char letter() {
        return letter;
    }

    /** Whether a line of this level is at least as severe as {@code threshold}. */
    public boolean atLeast(LogLevel threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** The level of a line's first character, or null. */
    public static LogLevel ofLetter(char c) {
        for (LogLevel level : values()) {
            if (level.letter == c) {
                return level;
            }
        }
        return null;
    }

    /** {@code E W I D T} in either case, or error, warn, warning, info, debug, trace; null for anything else. */
    public static LogLevel parse(String text) {
        if (text.length() == 1) {
            return ofLetter(Character.toUpperCase(text.charAt(0)));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if ("warning".equals(lower)) {
            return WARN;
        }
        for (LogLevel level : values()) {
            if (level.word.equals(lower)) {
                return level;
            }
        }
        return null;
    }
}
