package dev.tern.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Two connected TCP sockets on the loopback interface: a server end (accepted on
 * {@link #port()}, the end a {@code socket://127.0.0.1:PORT} link names) and a client end.
 * Reads on both ends time out (default 10 s) with a {@link java.net.SocketTimeoutException},
 * so a test never hangs on a silent link.
 *
 * <pre>{@code
 * try (TcpPair tcp = TcpPair.open()) {
 *     tcp.clientOutput().write(bytes);
 *     tcp.serverInput().readNBytes(bytes.length);
 * }
 * }</pre>
 */
public final class TcpPair implements AutoCloseable {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final Socket serverEnd;
    private final Socket clientEnd;

    private TcpPair(final ServerSocket listener, final Socket serverEnd, final Socket clientEnd) {
        this.listener = listener;
        this.serverEnd = serverEnd;
        this.clientEnd = clientEnd;
    }

    public static TcpPair open() {
        return open(DEFAULT_READ_TIMEOUT);
    }

    public static TcpPair open(final Duration readTimeout) {
        final int timeoutMillis = Math.toIntExact(readTimeout.toMillis());
        try {
            final ServerSocket listener = new ServerSocket(0, 1, Loopback.address());
            final Socket clientEnd = new Socket();
            try {
                listener.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
                clientEnd.connect(new InetSocketAddress(Loopback.address(), listener.getLocalPort()), (int) CONNECT_TIMEOUT.toMillis());
                final Socket serverEnd = listener.accept();
                serverEnd.setSoTimeout(timeoutMillis);
                clientEnd.setSoTimeout(timeoutMillis);
                // small writes must go out now, as on a serial line
                serverEnd.setTcpNoDelay(true);
                clientEnd.setTcpNoDelay(true);
                return new TcpPair(listener, serverEnd, clientEnd);
            } catch (final IOException | RuntimeException e) {
                clientEnd.close();
                listener.close();
                throw e;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("could not connect a TCP pair on " + Loopback.HOST, e);
        }
    }

    /** The port the server end was accepted on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code socket://127.0.0.1:PORT}, the link name Tern's tools take. */
    public String url() {
        return "socket://" + Loopback.HOST + ":" + port();
    }

    public Socket serverEnd() {
        return serverEnd;
    }

    public Socket clientEnd() {
        return clientEnd;
    }

    public InputStream serverInput() {
        return input(serverEnd);
    }

    public OutputStream serverOutput() {
        return output(serverEnd);
    }

    public InputStream clientInput() {
        return input(clientEnd);
    }

    public OutputStream clientOutput() {
        return output(clientEnd);
    }

    private static InputStream input(final Socket socket) {
        try {
            return socket.getInputStream();
        } catch (final IOException e) {
            throw new UncheckedIOException("socket " + socket + " is closed", e);
        }
    }

    private static OutputStream output(final Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (final IOException e) {
            throw new UncheckedIOException("socket " + socket + " is closed", e);
        }
    }

    /** Closes both ends and the listener. */
    @Override
    public void close() {
        try (listener; serverEnd; clientEnd) {
            // closed by try-with-resources, client end first
        } catch (final IOException e) {
            throw new UncheckedIOException("could not close TCP pair on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "TCP pair on " + Loopback.HOST + ":" + port();
    }
}
