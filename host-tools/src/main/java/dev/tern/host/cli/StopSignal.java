package dev.tern.host.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that runs until stopped ({@code tern sim}, {@code tern demo}). While open,
 * a shutdown hook turns the JVM's shutdown into a stop request and then waits (at most
 * {@link #CLEANUP_LIMIT}) until the command has closed what it started and {@link #close()}d
 * this, so the board, broker and subscriber end cleanly and nothing prints a stack trace.
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install()) {   // first in, last out
 *     ... start things ...
 *     boolean ctrlC = stop.await(duration);
 *     ... close things ...
 * }
 * }</pre>
 */
public final class StopSignal implements AutoCloseable {

    /** How long the hook lets the command clean up before the JVM ends anyway. */
    static final Duration CLEANUP_LIMIT = Duration.ofSeconds(20);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;
    private final Runnable onSignal;

    private StopSignal(Runnable onSignal) {
        this.onSignal = onSignal;
        this.hook = new Thread(this::onShutdown, "tern-stop-on-signal");
    }

    /** Registers the shutdown hook. */
    public static StopSignal install() {
        return install(() -> { });
    }

    /** Registers the shutdown hook, which first runs {@code onSignal} (say that it stops). */
    public static StopSignal install(Runnable onSignal) {
        StopSignal signal = new StopSignal(onSignal);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    private void onShutdown() {
        stopRequested.countDown();
        onSignal.run();
        try {
            cleanedUp.await(CLEANUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks to stop, as Ctrl-C does (tests, and a command that must end early). */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Whether a stop was requested (Ctrl-C). */
    public boolean requested() {
        return stopRequested.getCount() == 0;
    }

    /**
     * Waits until a stop is requested or {@code limit} has passed (null: no limit).
     *
     * @return true when a stop was requested
     */
    public boolean await(Duration limit) throws InterruptedException {
        if (limit == null) {
            stopRequested.await();
            return true;
        }
        return stopRequested.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The command cleaned up: the hook may return, and it is removed when the JVM is not shutting down. */
    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that cleanedUp is open
        }
    }
}
