package dev.tern.host.flash;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How wide the terminal is: {@code COLUMNS} when set, else what {@code stty size} says of /dev/tty, else 80. */
final class TerminalColumns {

    static final int FALLBACK = 80;
    /** Narrower than this, the progress line is only its words. */
    private static final int MINIMUM = 20;

    private TerminalColumns() {
    }

    static int of(Map<String, String> environment) {
        Integer columns = parse(environment.get("COLUMNS"));
        if (columns == null) {
            columns = fromStty();
        }
        return columns == null ? FALLBACK : Math.max(MINIMUM, columns);
    }

    private static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int columns = Integer.parseInt(text.trim());
            return columns > 0 ? columns : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Shells do not export COLUMNS to the programs they run: ask the terminal itself ("ROWS COLUMNS"). */
    private static Integer fromStty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroy();
                return null;
            }
            String[] parts = answer.split("\\s+");
            return parts.length == 2 ? parse(parts[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
