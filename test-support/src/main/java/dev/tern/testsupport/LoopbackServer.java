package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A server program on a loopback port (mosquitto, ser2net): started, awaited until it accepts
 * connections, and stopped with a message saying what it printed when it does not; started again
 * on another free port when the one probed was taken in the meantime.
 */
final class LoopbackServer {

    private LoopbackServer() {
    }

    /**
     * Runs {@code start} on a free port, up to {@code attempts} times while the failure
     * {@code portTaken} says the port went to another process between the probe and the bind.
     */
    static <T> T onFreePort(final int attempts, final Predicate<IllegalStateException> portTaken, final IntFunction<T> start) {
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                return start.apply(Loopback.freePort());
            } catch (final IllegalStateException e) {
                lastFailure = e;
                if (!portTaken.test(e)) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    /**
     * Starts {@code builder}'s program as {@code name} and waits until it accepts on {@code port}.
     *
     * @throws IllegalStateException when it did not within {@code timeout} (stopped then), with
     *         {@code whatItSaid} (its log or output) in the message
     */
    static StartedProcess launch(final ProcessBuilder builder, final String name, final int port, final Duration timeout,
            final Supplier<String> whatItSaid) {
        final StartedProcess started;
        try {
            started = StartedProcess.start(builder, name + " on " + Loopback.HOST + ":" + port);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not run " + builder.command().get(0), e);
        }
        if (!Loopback.awaitAccepting(port, timeout, started::isAlive)) {
            final String exit = started.isAlive() ? "still running" : "exited with code " + started.exitCodeOrMinusOne();
            started.stop();
            throw new IllegalStateException(name + " did not accept connections on " + Loopback.HOST + ":" + port
                    + " within " + timeout.toSeconds() + " s (" + exit + ")" + whatItSaid.get());
        }
        return started;
    }
}
