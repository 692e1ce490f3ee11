package dev.tern.host.monitor;

import java.util.regex.Pattern;

/**
 * What a console line is: its level (null when it has none), its tag (null when it has none) and
 * whether the board's boot stage printed it rather than the firmware's log.
 */
public record LineClass(LogLevel level, String tag, boolean bootStage) {

    /** A line in no known format: bootloader noise, another firmware's text. */
    public static final LineClass PLAIN = new LineClass(null, null, false);

    /** The tag of the lines an ESP32's ROM prints at reset, before any code from flash runs. */
    public static final String ROM_TAG = "rom";

    /**
     * The ESP32 ROM's lines at reset: its build date, the reset cause and boot mode, download mode,
     * and the loading of the second stage (SPI settings, segments, entry point).
     */
    private static final Pattern ROM_LINE = Pattern.compile("ets [A-Z][a-z]{2} [ \\d]\\d \\d{4} \\d\\d:\\d\\d:\\d\\d$"
            + "|rst:0x\\p{XDigit}+ \\(|waiting for download$|configsip: |clk_drv:0x|mode:[A-Z]+, clock div:|load:0x|entry 0x");
    /** A reset cause worth a warning: a watchdog's or a brown-out's (not power-on, EN or software). */
    private static final Pattern ALARMING_RESET = Pattern.compile("rst:0x\\p{XDigit}+ \\([A-Z0-9_]*(WDT|BROWN_OUT)[A-Z0-9_]*\\)");
    /** The RTC watchdog's reset of the whole chip, which follows many a power-on on real kits (public boot logs): not flagged. */
    private static final String ROUTINE_RESET = "(RTCWDT_RTC_RESET)";

    /**
     * Classifies one line (without its line ending).
     *
     * <pre>
     *   I 0.000 boot: Tern sensor firmware 0.1.0 on board virtual    firmware log: level I, tag boot
     *   T 5.001 mqtt: send: publish (id=17, qos=2, dup=0, 42 B)       level T, tag mqtt
     *   boot: image 0.1.0+0 verified (ed25519 key ...)                boot stage, no level
     *   boot: refused: bad signature; staying in bootloader          boot stage, level E
     *   fault: the firmware threw ...; staying in bootloader         boot stage, level E
     *   ets Jul 29 2019 12:21:46                                      an ESP32 ROM's banner: tag rom
     *   rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)      tag rom
     *   rst:0x8 (TG1WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)   tag rom, level W: a watchdog reset
     * </pre>
     */
    public static LineClass of(String line) {
        LineClass log = logLine(line);
        if (log != null) {
            return log;
        }
        if (ROM_LINE.matcher(line).lookingAt()) {
            boolean alarming = line.startsWith("rst:") && ALARMING_RESET.matcher(line).find() && !line.contains(ROUTINE_RESET);
            return new LineClass(alarming ? LogLevel.WARN : null, ROM_TAG, true);
        }
        if (line.startsWith("boot: ") || line.startsWith("fault: ")) {
            String tag = line.substring(0, line.indexOf(':'));
            boolean stuck = line.endsWith("; staying in bootloader");
            return new LineClass(stuck ? LogLevel.ERROR : null, tag, true);
        }
        return PLAIN;
    }

    /** {@code <L> <seconds>.<millis> <tag>: }, or null when the line is not in that form. */
    private static LineClass logLine(String line) {
        if (line.length() < 4 || line.charAt(1) != ' ') {
            return null;
        }
        LogLevel level = LogLevel.ofLetter(line.charAt(0));
        if (level == null) {
            return null;
        }
        int i = 2;
        int digits = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= line.length() || line.charAt(i) != '.') {
            return null;
        }
        i++;
        int fraction = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == fraction || i >= line.length() || line.charAt(i) != ' ') {
            return null;
        }
        int tagStart = i + 1;
        int colon = line.indexOf(": ", tagStart);
        if (colon <= tagStart) {
            if (line.endsWith(":") && line.length() - 1 > tagStart) {
                colon = line.length() - 1;
            } else {
                return null;
            }
        }
        String tag = line.substring(tagStart, colon);
        return tag.indexOf(' ') >= 0 ? null : new LineClass(level, tag, false);
    }
}
