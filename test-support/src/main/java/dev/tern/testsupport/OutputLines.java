package dev.tern.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The lines a child process prints, read by a daemon thread (so the child never blocks on a
 * full pipe) and handed out with bounded waits. The thread ends when the child closes its output.
 */
final class OutputLines {

    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final Thread reader;

    OutputLines(final InputStream output, final String threadName) {
        reader = new Thread(() -> readAll(output), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits, bounded, until the child closed its output (it exited); true when it did. */
    boolean awaitEnd(final Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !reader.isAlive();
    }

    private void readAll(final InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (all) {
                    all.add(line);
                }
                unread.add(line);
            }
        } catch (final IOException closed) {
            // the process ended or its stream was closed: nothing more to read
        }
    }

    /** The next unread line that matches, skipping the others; null when none came within the timeout. */
    String next(final Predicate<String> wanted, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                final String line = unread.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Everything printed so far, for failure messages. */
    String transcript() {
        synchronized (all) {
            return all.isEmpty() ? "(no output)" : String.join("\n", all);
        }
    }
}
