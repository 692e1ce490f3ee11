package dev.tern.host.flash;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a flash reports while it works. {@link #plain} prints one line per step (for logs, pipes
 * and tests); {@link #bar} redraws one terminal line, fitted to the terminal's width, with bytes,
 * rate and time left while a long phase (writing, reading back to compare or verify) runs, and
 * prints the steps above it.
 */
abstract class FlashProgress {

    final PrintWriter out;

    FlashProgress(PrintWriter out) {
        this.out = out;
    }

    static FlashProgress plain(PrintWriter out) {
        return new Plain(out);
    }

    /** A bar on a terminal {@code columns} wide. */
    static FlashProgress bar(PrintWriter out, int columns) {
        return new Bar(out, columns);
    }

    /** A finished step: {@code erase 0x08020000 (128 KB)}. */
    void step(String line) {
        out.println(line);
        out.flush();
    }

    /** A long phase starts ({@code what}: write, compare, verify): {@code total} bytes to go. */
    abstract void start(String what, long total);

    /** {@code bytes} more of the phase are done. */
    abstract void advanced(long bytes);

    /** The phase ended (the bar, if any, is cleared). */
    abstract void end();

    /** {@code 512 B}, {@code 37.5 KB}, {@code 1.2 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return bytes % 1024 == 0 ? bytes / 1024 + " KB" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** {@code 10.5 KB/s}. */
    static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-";
        }
        return size((long) (bytes * 1e9 / nanos)) + "/s";
    }

    private static final class Plain extends FlashProgress {
        Plain(PrintWriter out) {
            super(out);
        }

        @Override
        void start(String what, long total) {
            if (!"write".equals(what)) {
                // writing prints a line per span; reading back is silent for seconds without this one
                step(what + ": reading back " + size(total) + " ...");
            }
        }

        @Override
        void advanced(long bytes) {
            // no bar in plain output
        }

        @Override
        void end() {
            // nothing drawn
        }
    }

    private static final class Bar extends FlashProgress {
        private static final int MIN_BAR = 10;
        private static final long REDRAW_NANOS = 100_000_000L;

        private final int columns;
        private String what;
        private long total;
        private long done;
        private long started;
        private long lastDrawn;
        private boolean drawn;

        Bar(PrintWriter out, int columns) {
            super(out);
            this.columns = columns;
        }

        @Override
        void step(String line) {
            clear();
            super.step(line);
            if (total > 0 && done < total) {
                draw();
            }
        }

        @Override
        void start(String phase, long totalBytes) {
            what = phase;
            total = totalBytes;
            done = 0;
            started = System.nanoTime();
            draw();
        }

        @Override
        void advanced(long bytes) {
            done += bytes;
            long now = System.nanoTime();
            if (now - lastDrawn >= REDRAW_NANOS || done >= total) {
                draw();
            }
        }

        @Override
        void end() {
            clear();
            total = 0;
        }

        private void draw() {
            long now = System.nanoTime();
            lastDrawn = now;
            out.print("\r" + line(what, done, total, now - started, columns));
            out.flush();
            drawn = true;
        }

        private void clear() {
            if (drawn) {
                out.print("\r" + " ".repeat(columns - 1) + "\r");
                out.flush();
                drawn = false;
            }
        }
    }

    /**
     * The bar's line, at most {@code columns - 1} characters (the last column would wrap on some
     * terminals): {@code write [#####     ] 45% 37.5 KB / 150 KB  10.5 KB/s  9 s left}. Where it
     * does not fit, the rate and time go first, then the bar.
     */
    static String line(String what, long done, long total, long elapsedNanos, int columns) {
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        String left = done == 0 || elapsedNanos <= 0 ? "--" : Math.max(0, (total - done) * elapsedNanos / done / 1_000_000_000L) + " s";
        String counts = percent + "% " + size(done) + " / " + size(total);
        String timing = "  " + rate(done, elapsedNanos) + "  " + left + " left";
        int room = columns - 1;
        String text = what + " " + counts + timing;
        if (text.length() + Bar.MIN_BAR + 3 > room) {
            text = what + " " + counts;
        }
        int barWidth = room - text.length() - 3;
        if (barWidth < Bar.MIN_BAR) {
            return text.length() <= room ? text : text.substring(0, room);
        }
        int filled = total == 0 ? barWidth : (int) (barWidth * done / total);
        String bar = "[" + "#".repeat(filled) + " ".repeat(barWidth - filled) + "] ";
        String[] words = text.split(" ", 2);
        return words[0] + " " + bar + words[1];
    }
}
