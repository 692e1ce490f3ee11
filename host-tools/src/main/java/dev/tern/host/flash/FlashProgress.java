package dev.tern.host.flash;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a flash reports while it works. {@link #plain} prints one line per step (for logs, pipes
 * and tests); {@link #bar} redraws one terminal line with bytes, rate and time left while
 * writing, and prints the steps above it.
 */
abstract class FlashProgress {

    final PrintWriter out;

    FlashProgress(PrintWriter out) {
        this.out = out;
    }

    static FlashProgress plain(PrintWriter out) {
        return new Plain(out);
    }

    static FlashProgress bar(PrintWriter out) {
        return new Bar(out);
    }

    /** A finished step: {@code erase 0x08020000 (128 KB)}. */
    void step(String line) {
        out.println(line);
        out.flush();
    }

    /** Writing starts: {@code total} bytes to send. */
    abstract void startWriting(long total);

    /** {@code bytes} more were written. */
    abstract void written(long bytes);

    /** Writing ended (the bar, if any, is finished). */
    abstract void endWriting();

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
        void startWriting(long total) {
            // one line per written span is printed by the flash itself
        }

        @Override
        void written(long bytes) {
            // no bar in plain output
        }

        @Override
        void endWriting() {
            // nothing drawn
        }
    }

    private static final class Bar extends FlashProgress {
        private static final int WIDTH = 30;
        private static final long REDRAW_NANOS = 100_000_000L;

        private long total;
        private long done;
        private long started;
        private long lastDrawn;
        private boolean drawn;

        Bar(PrintWriter out) {
            super(out);
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
        void startWriting(long totalBytes) {
            total = totalBytes;
            done = 0;
            started = System.nanoTime();
            draw();
        }

        @Override
        void written(long bytes) {
            done += bytes;
            long now = System.nanoTime();
            if (now - lastDrawn >= REDRAW_NANOS || done >= total) {
                draw();
            }
        }

        @Override
        void endWriting() {
            clear();
            total = 0;
        }

        private void draw() {
            long now = System.nanoTime();
            lastDrawn = now;
            int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
            long elapsed = now - started;
            String left = done == 0 || elapsed <= 0 ? "--" : Math.max(0, (total - done) * elapsed / done / 1_000_000_000L) + " s";
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + (total == 0 ? 100 : done * 100 / total)
                    + "% " + size(done) + " / " + size(total) + "  " + rate(done, elapsed) + "  " + left + " left   ");
            out.flush();
            drawn = true;
        }

        private void clear() {
            if (drawn) {
                out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
                out.flush();
                drawn = false;
            }
        }
    }
}
