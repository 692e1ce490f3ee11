package dev.tern.host.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.tern.host.serial.SerialLink;

/**
 * Sends the lines typed on standard input to the board, each ended by CR LF (the board's own
 * line ending; the sensor firmware ends a command at CR or LF and skips the empty line between).
 * The terminal stays in its ordinary line-buffered mode: a line goes when Enter is pressed, and
 * the terminal's own echo shows it. At the end of input (EOF: a script that pipes nothing, or
 * Ctrl-D) typing ends and monitoring goes on. A line typed while the port is away is not sent,
 * and the user is told so.
 */
final class TypedLines implements Runnable {

    static final byte[] LINE_END = {'\r', '\n'};

    private final InputStream in;
    private final Supplier<SerialLink> link;
    private final Consumer<String> notice;
    private volatile boolean stopped;

    TypedLines(InputStream in, Supplier<SerialLink> link, Consumer<String> notice) {
        this.in = in;
        this.link = link;
        this.notice = notice;
    }

    /** Starts the forwarding thread (a daemon: a blocked read of standard input never holds the JVM). */
    Thread start() {
        Thread thread = new Thread(this, "tern-monitor-typed-lines");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (!stopped && (line = reader.readLine()) != null) {
                if (!stopped) {
                    send(line);
                }
            }
        } catch (IOException e) {
            if (!stopped) {
                notice.accept("cannot read typed lines any more (" + e.getMessage() + "); still monitoring");
            }
        }
    }

    private void send(String line) {
        SerialLink target = link.get();
        if (target == null) {
            notice.accept("the port is away; \"" + line + "\" was not sent");
            return;
        }
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + LINE_END.length];
        System.arraycopy(text, 0, bytes, 0, text.length);
        System.arraycopy(LINE_END, 0, bytes, text.length, LINE_END.length);
        try {
            target.write(bytes);
        } catch (IOException e) {
            notice.accept("\"" + line + "\" was not sent (" + e.getMessage() + ")");
        }
    }
}
