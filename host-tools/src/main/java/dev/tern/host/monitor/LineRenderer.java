package dev.tern.host.monitor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A line as the terminal shows it: the host time of its first byte when {@code --timestamps}
 * ({@code 12:04:31.123 }), and colors by level when colors are on: errors red, warnings yellow,
 * debug and trace dim, boot lines (the boot stage's and the firmware's {@code boot} tag) bold cyan,
 * information as the terminal's default.
 */
final class LineRenderer {

    static final String RED = "\u001b[31m";
    static final String YELLOW = "\u001b[33m";
    static final String DIM = "\u001b[2m";
    static final String BOOT = "\u001b[1;36m";
    static final String RESET = "\u001b[0m";

    private final DateTimeFormatter time;
    private final boolean colors;

    LineRenderer(boolean timestamps, boolean colors, ZoneId zone) {
        this.time = timestamps ? DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone) : null;
        this.colors = colors;
    }

    String render(String text, Instant firstByte, LineClass kind) {
        String color = colors ? color(kind) : null;
        StringBuilder line = new StringBuilder(text.length() + 24);
        if (time != null) {
            line.append(time.format(firstByte)).append(' ');
        }
        if (color == null) {
            return line.append(text).toString();
        }
        return line.append(color).append(text).append(RESET).toString();
    }

    /** The escape that starts a line of this kind, or null for the terminal's default. */
    static String color(LineClass kind) {
        LogLevel level = kind.level();
        if (level == LogLevel.ERROR) {
            return RED;
        }
        if (level == LogLevel.WARN) {
            return YELLOW;
        }
        if (kind.bootStage() || "boot".equals(kind.tag())) {
            return BOOT;
        }
        if (level == LogLevel.DEBUG || level == LogLevel.TRACE) {
            return DIM;
        }
        return null;
    }
}
