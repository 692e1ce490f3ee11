package dev.tern.host.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Single key presses from the terminal, without Enter: the terminal is put in non-canonical,
 * no-echo mode ({@code stty -icanon -echo}) and put back as it was on {@link #close()} and, should
 * the JVM end another way, by a shutdown hook. Ctrl-C still interrupts (signals stay on). Without
 * a terminal there are no keys ({@link #none()}).
 */
public final class KeyPresses implements AutoCloseable {

    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final String savedMode;
    private final Thread restoreOnExit;
    private volatile boolean closed;

    private KeyPresses(String savedMode) {
        this.savedMode = savedMode;
        this.restoreOnExit = savedMode == null ? null : new Thread(this::restore, "tern-demo-restore-terminal");
    }

    /** No keys: the output is not a terminal. */
    public static KeyPresses none() {
        return new KeyPresses(null);
    }

    /** Reads keys from {@code in} once the terminal is in raw mode; none when stty cannot do that. */
    public static KeyPresses fromTerminal(InputStream in) {
        String saved;
        try {
            saved = stty("-g").trim();
            stty("-icanon", "-echo", "min", "1");
        } catch (IOException e) {
            return none();
        }
        KeyPresses presses = new KeyPresses(saved);
        Runtime.getRuntime().addShutdownHook(presses.restoreOnExit);
        Thread reader = new Thread(() -> presses.read(in), "tern-demo-keys");
        reader.setDaemon(true);
        reader.start();
        return presses;
    }

    /** Whether keys are read now (a terminal, not closed yet). */
    public boolean active() {
        return savedMode != null && !closed;
    }

    /** The next key pressed within {@code millis}, or null. */
    public Character next(long millis) throws InterruptedException {
        return keys.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void read(InputStream in) {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                keys.add((char) b);
            }
        } catch (IOException e) {
            // no more keys
        }
    }

    private void restore() {
        try {
            stty(savedMode);
        } catch (IOException e) {
            // the terminal is gone
        }
    }

    @Override
    public void close() {
        if (savedMode == null || closed) {
            return;
        }
        closed = true;
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException e) {
            // the JVM is ending: the hook runs anyway
        }
    }

    /** Runs stty on the controlling terminal; its output. */
    private static String stty(String... args) throws IOException {
        String command = "stty " + String.join(" ", args) + " < /dev/tty";
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("'" + command + "' failed: " + output.trim());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running stty", e);
        }
    }
}
