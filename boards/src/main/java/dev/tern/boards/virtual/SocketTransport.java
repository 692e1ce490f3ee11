package dev.tern.boards.virtual;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import dev.tern.hal.Transport;

/**
 * The {@link Transport} HAL over a non-blocking TCP socket, as the virtual board binds it. For
 * allocation tests it allocates nothing per call: bytes go through two direct buffers made once.
 * (Given a heap buffer, the JDK copies through a per-thread temporary direct buffer and makes a
 * new, larger one whenever a call is larger than any before: a rare allocation that an
 * allocation test of the engine would wrongly see.)
 */
public final class SocketTransport implements Transport {

    private final String host;
    private final int port;
    private SocketChannel channel;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 16);
    private int connects;

    public SocketTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** How many connections were attempted: a test reads it to see reconnects. */
    public int connects() {
        return connects;
    }

    @Override
    public int connect() {
        try {
            if (channel == null) {
                connects++;
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (channel.connect(new InetSocketAddress(host, port))) {
                    return CONNECTED;
                }
                return IN_PROGRESS;
            }
            if (channel.isConnected()) {
                return CONNECTED;
            }
            return channel.finishConnect() ? CONNECTED : IN_PROGRESS;
        } catch (IOException e) {
            close();
            return FAILED;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (channel == null) {
            return FAILED;
        }
        if (!channel.isConnected()) {
            return 0; // still connecting: nothing came yet
        }
        readBuffer.clear().limit(Math.min(length, readBuffer.capacity()));
        try {
            int read = channel.read(readBuffer);
            if (read > 0) {
                readBuffer.flip();
                readBuffer.get(buffer, offset, read);
            }
            return read < 0 ? CLOSED : read;
        } catch (IOException e) {
            return FAILED;
        }
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (channel == null) {
            return FAILED;
        }
        if (!channel.isConnected()) {
            return 0; // still connecting: the link takes nothing yet
        }
        int chunk = Math.min(length, writeBuffer.capacity());
        writeBuffer.clear();
        writeBuffer.put(buffer, offset, chunk).flip();
        try {
            return channel.write(writeBuffer);
        } catch (IOException e) {
            return FAILED;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed either way
            }
            channel = null;
        }
    }
}
