package dev.tern.hal.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import dev.tern.hal.Transport;

/**
 * The {@link Transport} HAL over a non-blocking TCP socket, as the virtual board binds it. For
 * allocation tests it allocates nothing per call once warm: the engine passes the same arrays
 * every time, so the {@link ByteBuffer} wrapping each one is kept and reused.
 */
public final class SocketTransport implements Transport {

    private final String host;
    private final int port;
    private SocketChannel channel;
    private byte[] readArray;
    private ByteBuffer readWrapper;
    private byte[] writeArray;
    private ByteBuffer writeWrapper;
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
        if (buffer != readArray) {
            readArray = buffer;
            readWrapper = ByteBuffer.wrap(buffer);
        }
        readWrapper.limit(offset + length).position(offset);
        try {
            int read = channel.read(readWrapper);
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
        if (buffer != writeArray) {
            writeArray = buffer;
            writeWrapper = ByteBuffer.wrap(buffer);
        }
        writeWrapper.limit(offset + length).position(offset);
        try {
            return channel.write(writeWrapper);
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
