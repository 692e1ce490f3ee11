package dev.tern.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process that a fixture started, stopped only through its own {@link Process} handle:
 * SIGTERM, a bounded wait, then SIGKILL. Registered for {@link LastResortCleanup} until stopped.
 */
final class StartedProcess implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final String description;

    private StartedProcess(final Process process, final String description) {
        this.process = process;
        this.description = description;
    }

    static StartedProcess start(final ProcessBuilder builder, final String description) throws IOException {
        final StartedProcess started = new StartedProcess(builder.start(), description);
        LastResortCleanup.register(started);
        return started;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code, or -1 while it still runs. */
    int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits at most {@code timeout} for the process to end by itself; true when it did. */
    boolean awaitExit(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Asks the process to end (SIGTERM), waits, then kills it (SIGKILL) if it is still there. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(STOP_GRACE)) {
                process.destroyForcibly();
                if (!awaitExit(STOP_GRACE)) {
                    throw new IllegalStateException(description + " (pid " + process.pid()
                            + ") is still running " + STOP_GRACE.multipliedBy(2).toSeconds()
                            + " s after SIGTERM and SIGKILL");
                }
            }
        }
        LastResortCleanup.unregister(this);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return description + " (pid " + process.pid() + ")";
    }
}
