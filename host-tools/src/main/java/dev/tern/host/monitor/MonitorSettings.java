package dev.tern.host.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.tern.host.serial.LineSettings;

/**
 * How {@link Monitor} shows a board's console. Immutable; {@link #defaults()} then the
 * {@code with...} methods:
 *
 * <pre>{@code
 * MonitorSettings settings = MonitorSettings.defaults().withTimestamps(true).withUntil(Pattern.compile("ready"));
 * }</pre>
 *
 * @param line       the line format a port the monitor opens again (after it vanished) is set to
 * @param timestamps prefix each shown line with the host time of its first byte
 * @param colors     color lines by level (decided by the caller: {@link ColorChoice})
 * @param filter     which lines are shown (the log file gets them all)
 * @param hex        a hex dump of the bytes instead of lines
 * @param logFile    a file every line is appended to, with its timestamp; null for none
 * @param until      stop with exit 0 after the first line containing a match; null to run on
 * @param timeout    stop after this long (exit 1 when {@code until} was not seen, else 0); null for never
 * @param reconnect  wait for a vanished port and go on when it comes back; false: exit 3
 */
public record MonitorSettings(LineSettings line, boolean timestamps, boolean colors, LineFilter filter, boolean hex,
        Path logFile, Pattern until, Duration timeout, boolean reconnect) {

    /** The console speed when none is given: the one every board definition uses. */
    public static final int DEFAULT_BAUD = 115_200;

    public MonitorSettings {
        if (line == null || filter == null) {
            throw new IllegalArgumentException("line=" + line + ", filter=" + filter);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout=" + timeout);
        }
    }

    /** 115200 8N1, lines without timestamps or colors, every line, no log file, no end, reconnecting. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(LineSettings.of8N1(DEFAULT_BAUD), false, false, LineFilter.ALL, false, null, null, null, true);
    }

    public MonitorSettings withLine(LineSettings newLine) {
        return new MonitorSettings(newLine, timestamps, colors, filter, hex, logFile, until, timeout, reconnect);
    }

    public MonitorSettings withTimestamps(boolean on) {
        return new MonitorSettings(line, on, colors, filter, hex, logFile, until, timeout, reconnect);
    }

    public MonitorSettings withColors(boolean on) {
        return new MonitorSettings(line, timestamps, on, filter, hex, logFile, until, timeout, reconnect);
    }

    public MonitorSettings withFilter(LineFilter newFilter) {
        return new MonitorSettings(line, timestamps, colors, newFilter, hex, logFile, until, timeout, reconnect);
    }

    public MonitorSettings withHex(boolean on) {
        return new MonitorSettings(line, timestamps, colors, filter, on, logFile, until, timeout, reconnect);
    }

    public MonitorSettings withLogFile(Path file) {
        return new MonitorSettings(line, timestamps, colors, filter, hex, file, until, timeout, reconnect);
    }

    public MonitorSettings withUntil(Pattern pattern) {
        return new MonitorSettings(line, timestamps, colors, filter, hex, logFile, pattern, timeout, reconnect);
    }

    public MonitorSettings withTimeout(Duration newTimeout) {
        return new MonitorSettings(line, timestamps, colors, filter, hex, logFile, until, newTimeout, reconnect);
    }

    public MonitorSettings withReconnect(boolean on) {
        return new MonitorSettings(line, timestamps, colors, filter, hex, logFile, until, timeout, on);
    }
}
