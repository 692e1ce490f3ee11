package dev.tern.boards.virtual;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The console as a TCP server. One host at a time, like a serial cable: a new connection
 * replaces the one before (a flasher that exits and a monitor that starts need no help).
 * With no host connected, what the board sends is lost, as on an unplugged UART.
 */
final class SocketEndpoint implements LineEndpoint {

    private final ServerSocketChannel server;
    private final String url;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(4096);
    private SocketChannel client;

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
        acceptNewest();
        if (client == null) {
            return 0;
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
        acceptNewest();
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
        try (server) {
            dropClient();
        }
    }

    private void acceptNewest() throws IOException {
        SocketChannel accepted;
        while ((accepted = server.accept()) != null) {
            dropClient();
            accepted.configureBlocking(false);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client = accepted;
        }
    }

    private void dropClient() {
        if (client != null) {
            try {
                client.close();
            } catch (final IOException ignored) {
                // gone either way
            }
            client = null;
        }
    }
}
