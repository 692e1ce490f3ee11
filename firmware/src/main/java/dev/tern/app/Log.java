package dev.tern.app;

import dev.tern.hal.Console;

/**
 * Console log lines, formatted into a preallocated line buffer and queued in a byte ring that
 * {@link #flush} hands to the console as fast as it takes them. Nothing is allocated per line.
 *
 * <p>Line format, one per line, ended by CR LF:
 *
 * <pre>
 *   &lt;level&gt; &lt;seconds&gt;.&lt;millis&gt; &lt;tag&gt;: &lt;message&gt;
 *
 *   I 0.000 boot: Tern sensor firmware 0.1.0 on board virtual
 *   W 0.002 cfg: unknown key foo.bar (line "foo.bar=1")
 *   I 0.153 mqtt: connected to 127.0.0.1:1883 (MQTT 5, session present)
 *   T 5.001 mqtt: send: publish (id=17, qos=2, dup=0, 42 B)
 *   T 5.003 mqtt: receive: pubrec (id=17)
 * </pre>
 *
 * Level letters: E error, W warning, I information, D debug, T packet trace (shown when
 * {@code log.trace} is on, whatever the level). The time is the board's clock since its start in
 * seconds with three decimals. The tag is one lower-case word: boot, cfg, session, mqtt, app,
 * cmd. After the tag's ": " the packet trace is exactly the tutorial's form. A line that would
 * not fit the ring when it is full is dropped and counted ({@link #dropped()}).
 */
public final class Log {

    public static final int ERROR = 0;
    public static final int WARN = 1;
    public static final int INFO = 2;
    public static final int DEBUG = 3;
    /** The packet trace: on or off by itself, not by level. */
    public static final int TRACE = 4;

    private static final byte[] LETTERS = {'E', 'W', 'I', 'D', 'T'};
    public static final int MAX_LINE = 200;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean open;
    private final byte[] ring;
    private int head;
    private int size;
    private long dropped;
    private long now;
    private int level = INFO;
    private boolean trace = true;

    public Log(int ringBytes) {
        ring = new byte[ringBytes];
    }

    public void level(int maxLevel) {
        level = maxLevel;
    }

    public void trace(boolean on) {
        trace = on;
    }

    public boolean traceOn() {
        return trace;
    }

    /** The time stamped on the next lines. */
    public void time(long nowMillis) {
        now = nowMillis;
    }

    /** Whether lines of {@code lineLevel} are written. */
    public boolean enabled(int lineLevel) {
        return TRACE == lineLevel ? trace : lineLevel <= level;
    }

    /** Starts a line; the appends that follow are dropped when the level is off. Returns {@code this}. */
    public Log begin(int lineLevel, String tag) {
        open = enabled(lineLevel);
        length = 0;
        if (!open) {
            return this;
        }
        length = Ascii.putByte(line, length, MAX_LINE, LETTERS[lineLevel]);
        length = Ascii.putByte(line, length, MAX_LINE, ' ');
        long millis = now < 0 ? 0 : now;
        length = Ascii.putFixed(line, length, MAX_LINE, millis, 3);
        length = Ascii.putByte(line, length, MAX_LINE, ' ');
        length = Ascii.putString(line, length, MAX_LINE, tag);
        length = Ascii.putString(line, length, MAX_LINE, ": ");
        return this;
    }

    public Log text(String text) {
        if (open) {
            length = Ascii.putString(line, length, MAX_LINE, text);
        }
        return this;
    }

    public Log bytes(byte[] source, int offset, int count) {
        if (open) {
            for (int i = 0; i < count && length < MAX_LINE; i++) {
                byte b = source[offset + i];
                line[length++] = b >= 32 && b < 127 ? b : (byte) '?';
            }
        }
        return this;
    }

    public Log number(long value) {
        if (open) {
            length = Ascii.putLong(line, length, MAX_LINE, value);
        }
        return this;
    }

    /** Ends the line and queues it for the console. */
    public void end() {
        if (!open) {
            return;
        }
        open = false;
        if (size + length + 2 > ring.length) {
            dropped++;
            return;
        }
        for (int i = 0; i < length; i++) {
            put(line[i]);
        }
        put((byte) '\r');
        put((byte) '\n');
    }

    /** A whole line: {@code begin(level, tag).text(message).end()}. */
    public void line(int lineLevel, String tag, String message) {
        begin(lineLevel, tag).text(message).end();
    }

    private void put(byte b) {
        int tail = head + size;
        if (tail >= ring.length) {
            tail -= ring.length;
        }
        ring[tail] = b;
        size++;
    }

    /** Gives the console what it takes now: the bytes written. */
    public int flush(Console console) {
        int written = 0;
        while (size > 0) {
            int chunk = Math.min(size, ring.length - head);
            int n = console.write(ring, head, chunk);
            if (n <= 0) {
                break;
            }
            head += n;
            if (head == ring.length) {
                head = 0;
            }
            size -= n;
            written += n;
        }
        if (0 == size) {
            head = 0;
        }
        return written;
    }

    /** Bytes waiting for the console. */
    public int pending() {
        return size;
    }

    /** Lines dropped because the console did not keep up. */
    public long dropped() {
        return dropped;
    }

    /** E, W, I, D, or the full names; -1 for anything else. */
    public static int parseLevel(String text) {
        if ("error".equals(text) || "E".equals(text)) {
            return ERROR;
        }
        if ("warn".equals(text) || "W".equals(text)) {
            return WARN;
        }
        if ("info".equals(text) || "I".equals(text)) {
            return INFO;
        }
        if ("debug".equals(text) || "D".equals(text)) {
            return DEBUG;
        }
        return -1;
    }

    public static String levelName(int value) {
        switch (value) {
            case ERROR: return "error";
            case WARN: return "warn";
            case INFO: return "info";
            case DEBUG: return "debug";
            default: return "trace";
        }
    }
}
