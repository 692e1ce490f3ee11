package dev.tern.boards.virtual;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

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
    /** Opened on the first {@link #awaitReadable}: a loop that never waits never pays for one. */
    private Selector selector;
    private SocketChannel registered;
    /** Given to {@code select} instead of the selected-key set, which would allocate per wake-up. */
    private final Consumer<SelectionKey> ignoreKey = key -> { };

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

    /**
     * Waits until bytes can be read (or the connection ends) or {@code timeoutMillis} passed, so a
     * host loop with nothing to do sleeps in the kernel as a board's sleeps until its next
     * interrupt, instead of spinning on {@link #read} and taking the CPU from its peers. Returns at
     * once when there is no connection. Allocates nothing after its first call.
     */
    public void awaitReadable(long timeoutMillis) {
        if (channel == null || !channel.isConnected() || timeoutMillis <= 0) {
            return;
        }
        try {
            if (selector == null) {
                selector = Selector.open();
            }
            if (registered != channel) {
                selector.selectNow(ignoreKey); // lets the selector drop a closed channel's key
                channel.register(selector, SelectionKey.OP_READ);
                registered = channel;
            }
            selector.select(ignoreKey, timeoutMillis);
        } catch (IOException e) {
            // the next read reports what is wrong with the connection
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

    /** Closes the connection and the selector {@link #awaitReadable} may have opened. */
    public void release() {
        close();
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closed either way
            }
            selector = null;
            registered = null;
        }
    }
}
