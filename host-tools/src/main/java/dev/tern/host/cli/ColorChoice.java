package dev.tern.host.cli;

import java.util.Map;

/** {@code --color}: colors by log level on a terminal only, never with {@code NO_COLOR} set (no-color.org). */
public enum ColorChoice {
    /** Colors when standard output is a terminal and {@code NO_COLOR} is not set (to any value, even empty). */
    AUTO,
    /** Colors even into a pipe or a file, and even with {@code NO_COLOR}: the user asked for them by name. */
    ALWAYS,
    NEVER;

    public boolean colors(boolean terminal, Map<String, String> environment) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> terminal && !environment.containsKey("NO_COLOR");
        };
    }
}
