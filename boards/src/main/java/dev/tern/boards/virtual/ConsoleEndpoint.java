package dev.tern.boards.virtual;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the virtual board's console (and ROM bootloader) line is: a TCP server it listens on,
 * {@code socket://127.0.0.1:PORT} (port 0 picks a free one; {@link VirtualBoard#consoleUrl()}
 * tells which), or a pseudo-terminal path the board opens, one end of a socat pair whose other
 * end the host uses as a serial port.
 */
public final class ConsoleEndpoint {

    private static final String SOCKET = "socket://";

    private final String host;
    private final int port;
    private final Path pty;

    private ConsoleEndpoint(final String host, final int port, final Path pty) {
        this.host = host;
        this.port = port;
        this.pty = pty;
    }

    /** A TCP server on {@code host:port}; port 0 picks a free port. */
    public static ConsoleEndpoint socket(final String host, final int port) {
        if (port < 0 || port > 0xFFFF || host.isEmpty()) {
            throw new IllegalArgumentException("host=" + host + ", port=" + port);
        }
        return new ConsoleEndpoint(host, port, null);
    }

    /** One end of a pseudo-terminal pair (a /dev/pts device or a link to one). */
    public static ConsoleEndpoint pty(final Path path) {
        return new ConsoleEndpoint(null, -1, Objects.requireNonNull(path, "path"));
    }

    /** {@code socket://HOST:PORT}, or anything else as a pseudo-terminal path. */
    public static ConsoleEndpoint parse(final String text) {
        if (!text.startsWith(SOCKET)) {
            return pty(Path.of(text));
        }
        final String rest = text.substring(SOCKET.length());
        final int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected socket://HOST:PORT: endpoint=" + text);
        }
        try {
            return socket(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("expected socket://HOST:PORT: endpoint=" + text, e);
        }
    }

    public boolean isSocket() {
        return pty == null;
    }

    public String host() {
        return host;
    }

    /** The port asked for (0: any free one). */
    public int port() {
        return port;
    }

    public Path ptyPath() {
        return pty;
    }

    @Override
    public String toString() {
        return isSocket() ? SOCKET + host + ":" + port : pty.toString();
    }
}
