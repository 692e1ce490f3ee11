package dev.tern.boards.virtual;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The console as a TCP server. One host at a time, like a serial port a program holds open: the
 * first connection keeps the console until it closes. A second one is told so in a line
 * ({@code tern sim: console busy: ...}) and waits; it gets the console, with what it sent while
 * waiting discarded, when the first one closes (a monitor started during a flash takes over
 * after it). A third is told and closed. A new connection never takes the console from the one
 * holding it, so a monitor that reconnects cannot cut a flash short. With no host connected,
 * what the board sends is lost, as on an unplugged UART.
 */
final class SocketEndpoint implements LineEndpoint {

    private final ServerSocketChannel server;
    private final String url;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(4096);
    /** What the holder sent that was read while checking it is still there, for the next read. */
    private final ByteBuffer carried = ByteBuffer.allocate(4096).limit(0);
    private SocketChannel client;
    private SocketChannel waiting;

    private SocketEndpoint(final ServerSocketChannel server, final String url) {
        this.server = server;
        this.url = url;
    }

    static SocketEndpoint listen(final String host, final int port) throws IOException {
        final ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port));
            server.configureBlocking(false);
            final int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
            return new SocketEndpoint(server, "socket://" + host + ":" + bound);
        } catch (final IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public int read(final byte[] into, final int offset, final int length) throws IOException {
        acceptPending();
        if (client == null) {
            return 0;
        }
        if (carried.hasRemaining()) {
            final int count = Math.min(length, carried.remaining());
            carried.get(into, offset, count);
            return count;
        }
        readBuffer.clear().limit(Math.min(length, readBuffer.capacity()));
        final int read;
        try {
            read = client.read(readBuffer);
        } catch (final IOException e) {
            dropClient();
            return 0;
        }
        if (read < 0) {
            dropClient();
            return 0;
        }
        readBuffer.flip().get(into, offset, read);
        return read;
    }

    @Override
    public int write(final byte[] from, final int offset, final int length) throws IOException {
        acceptPending();
        if (client == null) {
            return length; // nobody listens: the bytes leave the UART and are lost
        }
        writeBuffer.clear();
        writeBuffer.put(from, offset, Math.min(length, writeBuffer.capacity())).flip();
        try {
            return client.write(writeBuffer);
        } catch (final IOException e) {
            dropClient();
            return length;
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        // the listening socket first: a host that sees its connection end and connects again at
        // once must be refused, not accepted into the backlog of a console that is going away
        try {
            server.close();
        } finally {
            waiting = closeQuietly(waiting);
            dropClient();
        }
    }

    /** The holder keeps the console; a newcomer waits (one) or is told and closed (any more). */
    private void acceptPending() throws IOException {
        SocketChannel accepted;
        while ((accepted = server.accept()) != null) {
            accepted.configureBlocking(false);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (client != null && !holderStillThere()) {
                dropClient();
            }
            if (client == null) {
                client = accepted;
            } else if (waiting == null || !stillThere(waiting)) {
                closeQuietly(waiting);
                waiting = accepted;
                tell(accepted, "tern sim: console busy: " + remote(client) + " has it (a tern monitor?); this connection"
                        + " gets it when that one closes. To flash and then watch, close the monitor and use 'tern flash --monitor'.");
            } else {
                tell(accepted, "tern sim: console busy: " + remote(client) + " has it and " + remote(waiting)
                        + " waits for it; close one of them and try again.");
                closeQuietly(accepted);
            }
        }
    }

    /** Whether the holder is still connected; what it sent meanwhile is kept for the next read. */
    private boolean holderStillThere() {
        if (carried.hasRemaining()) {
            return true;
        }
        try {
            carried.clear();
            final int read = client.read(carried);
            carried.flip();
            return read >= 0;
        } catch (final IOException e) {
            carried.clear().limit(0);
            return false;
        }
    }

    /** Whether a waiting connection is still there; what it sent while waiting is dropped. */
    private boolean stillThere(final SocketChannel channel) {
        try {
            readBuffer.clear();
            while (true) {
                final int read = channel.read(readBuffer);
                if (read < 0) {
                    return false;
                }
                if (read == 0) {
                    return true;
                }
                readBuffer.clear();
            }
        } catch (final IOException e) {
            return false;
        }
    }

    private static void tell(final SocketChannel channel, final String line) {
        try {
            channel.write(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        } catch (final IOException ignored) {
            // it went away: nobody to tell
        }
    }

    private static String remote(final SocketChannel channel) {
        try {
            final InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        } catch (final IOException | RuntimeException e) {
            return "another connection";
        }
    }

    /** Drops the holder; the waiting connection, if still there, takes the console. */
    private void dropClient() {
        client = closeQuietly(client);
        carried.clear().limit(0);
        if (waiting != null) {
            final SocketChannel next = waiting;
            waiting = null;
            if (stillThere(next)) {
                client = next;
            } else {
                closeQuietly(next);
            }
        }
    }

    private static SocketChannel closeQuietly(final SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // gone either way
            }
        }
        return null;
    }
}
