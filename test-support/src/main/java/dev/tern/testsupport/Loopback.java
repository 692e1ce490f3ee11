package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The IPv4 loopback interface that every fixture binds to, never a public one. */
final class Loopback {

    static final String HOST = "127.0.0.1";

    private static final Duration CONNECT_ATTEMPT_TIMEOUT = Duration.ofMillis(250);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private Loopback() {
    }

    static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (final UnknownHostException e) {
            throw new IllegalStateException("cannot resolve " + HOST, e);
        }
    }

    /** A port that was free a moment ago; the caller binds it soon after. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, address())) {
            return probe.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not find a free port on " + HOST, e);
        }
    }

    /**
     * Waits until {@code port} accepts a TCP connection, for at most {@code timeout}, and
     * stops waiting early when {@code stillStarting} turns false (the server process died).
     *
     * @return true when a connection was accepted
     */
    static boolean awaitAccepting(final int port, final Duration timeout, final BooleanSupplier stillStarting) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (stillStarting.getAsBoolean()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address(), port), (int) CONNECT_ATTEMPT_TIMEOUT.toMillis());
                return true;
            } catch (final IOException notYet) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                if (!Pause.of(RETRY_PAUSE)) {
                    return false;
                }
            }
        }
        return false;
    }
}
