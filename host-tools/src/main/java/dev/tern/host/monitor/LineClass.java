package dev.tern.host.monitor;

/**
 * What a console line is: its level (null when it has none), its tag (null when it has none) and
 * whether the board's boot stage printed it rather than the firmware's log.
 */
public record LineClass(LogLevel level, String tag, boolean bootStage) {

    /** A line in no known format: bootloader noise, another firmware's text. */
    public static final LineClass PLAIN = new LineClass(null, null, false);

    /**
     * Classifies one line (without its line ending).
     *
     * <pre>
     *   I 0.000 boot: Tern sensor firmware 0.1.0 on board virtual    firmware log: level I, tag boot
     *   T 5.001 mqtt: send: publish (id=17, qos=2, dup=0, 42 B)       level T, tag mqtt
     *   boot: image 0.1.0+0 verified (ed25519 key ...)                boot stage, no level
     *   boot: refused: bad signature; staying in bootloader          boot stage, level E
     *   fault: the firmware threw ...; staying in bootloader         boot stage, level E
     * </pre>
     */
    public static LineClass of(String line) {
        LineClass log = logLine(line);
        if (log != null) {
            return log;
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
