package dev.tern.host.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo's output: lines (the board's console, the demo's own) scroll, and once
 * {@link #startLive()} is called the readings table stays below them. On a terminal (and without
 * {@code NO_COLOR}) the table is redrawn in place with ANSI escapes after each line and on
 * {@link #tick()}; otherwise lines are printed as they come and the table as plain lines on each
 * {@link #tick()} the caller makes every few seconds. Before {@link #startLive()} (while other
 * commands, such as 'tern flash' and its progress bar, write to the same output) and after
 * {@link #endLive()}, lines just print. All methods may be called from any thread.
 */
public final class LiveScreen {

    private static final String ESC = "\u001b[";
    private static final String RESET = ESC + "0m";
    private static final String DIM = ESC + "2m";
    private static final String RED = ESC + "31m";
    private static final String YELLOW = ESC + "33m";
    private static final String CYAN = ESC + "36m";
    private static final String BOLD = ESC + "1m";
    public static final String BOARD_PREFIX = "board │ ";
    private static final Duration REDRAW_EVERY = Duration.ofMillis(250);
    private static final Duration PLAIN_TABLE_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final boolean ansi;
    private final Supplier<String> heading;
    private final Supplier<List<String>> table;
    private int drawn;
    private boolean live;

    /**
     * @param ansi    redraw in place and color (see {@link #terminalWanted()})
     * @param heading the line above the table, e.g. "readings over MQTT 5 after 12 s of 30 s"
     * @param table   the table's lines
     */
    public LiveScreen(PrintWriter out, boolean ansi, Supplier<String> heading, Supplier<List<String>> table) {
        this.out = out;
        this.ansi = ansi;
        this.heading = heading;
        this.table = table;
    }

    /** Whether this process writes to a terminal that wants redraws and colors. */
    public static boolean terminalWanted() {
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    }

    public boolean ansi() {
        return ansi;
    }

    /** How often the caller should {@link #tick()}: a redraw on a terminal, else a plain table now and then. */
    public Duration tickEvery() {
        return ansi ? REDRAW_EVERY : PLAIN_TABLE_EVERY;
    }

    /** One of the demo's own lines. */
    public synchronized void say(String text) {
        print(text);
    }

    /** One line of the board's console, prefixed {@code board │ } (colored by its level on a terminal). */
    public synchronized void board(String line) {
        if (!ansi) {
            print(BOARD_PREFIX + line);
            return;
        }
        String color = line.startsWith("E ") ? RED : line.startsWith("W ") ? YELLOW : line.startsWith("T ") ? CYAN : "";
        print(DIM + BOARD_PREFIX + RESET + color + line + (color.isEmpty() ? "" : RESET));
    }

    /** From now on the table stays below the lines (terminal); {@link #tick()} shows it. */
    public synchronized void startLive() {
        live = true;
        if (ansi) {
            draw();
            out.flush();
        }
    }

    /** Redraws the table (terminal) or prints it (plain). */
    public synchronized void tick() {
        if (!live) {
            return;
        }
        if (ansi) {
            erase();
            draw();
        } else {
            out.println(heading.get() + ":");
            for (String row : table.get()) {
                out.println("  " + row);
            }
        }
        out.flush();
    }

    /** Ends the live table (a terminal's is erased); later lines just print. */
    public synchronized void endLive() {
        if (ansi && live) {
            erase();
            out.flush();
        }
        live = false;
    }

    /** Prints the table once more under a heading, after {@link #endLive()}: the summary. */
    public synchronized void summary(String title) {
        out.println(ansi ? BOLD + title + RESET : title);
        for (String row : table.get()) {
            out.println("  " + row);
        }
        out.flush();
    }

    private void print(String text) {
        if (ansi && live) {
            erase();
            out.println(text);
            draw();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Moves up over the table drawn last and clears from there to the end of the screen. */
    private void erase() {
        if (drawn > 0) {
            out.print(ESC + drawn + "F" + ESC + "J");
            drawn = 0;
        }
    }

    private void draw() {
        if (!live) {
            return;
        }
        List<String> rows = table.get();
        out.println(BOLD + "── " + heading.get() + " ──" + RESET);
        for (String row : rows) {
            out.println("  " + row);
        }
        drawn = rows.size() + 1;
    }
}
