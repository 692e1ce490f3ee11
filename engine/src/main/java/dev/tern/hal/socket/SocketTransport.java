package dev.tern.hal.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import dev.tern.hal.Transport;

/**
 * The {@link Transport} HAL over a blocking {@code java.net.Socket}, for board VMs whose network
 * library offers sockets but no selector (MicroEJ's NET library, see engine/board-api.allow).
 * Short timeouts give the engine's poll-and-return semantics:
 * <ul>
 * <li>{@link #connect()} blocks at most {@code connectTimeoutMillis} and never returns
 *     {@code IN_PROGRESS}: {@code CONNECTED} or {@code FAILED}, the reason in {@link #lastFailure()};
 * <li>{@link #read} takes what has already arrived without waiting; when nothing has, it waits at
 *     most {@code readTimeoutMillis} (SO_TIMEOUT) for the first bytes, then returns 0;
 * <li>{@link #write} hands the bytes to the socket's send buffer, which takes them at once unless
 *     it is full because the peer stopped reading; there is no write timeout in {@code java.net}.
 * </ul>
 * Reads and writes allocate nothing in this class; connecting allocates the socket. A read that
 * waits in vain costs one {@code SocketTimeoutException}, which the VM allocates: on a VM that
 * must not allocate in its steady state, use a transport that can poll (the virtual board's NIO one).
 */
public final class SocketTransport implements Transport {

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int lastFailure = SocketStatus.OK;
    private int connects;

    /**
     * @param connectTimeoutMillis how long {@link #connect()} may block (at least 1)
     * @param readTimeoutMillis how long a {@link #read} with nothing to read waits (at least 1: 0 would wait forever)
     */
    public SocketTransport(String host, int port, int connectTimeoutMillis, int readTimeoutMillis) {
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1) {
            throw new IllegalArgumentException("connectTimeoutMillis=" + connectTimeoutMillis
                    + " readTimeoutMillis=" + readTimeoutMillis);
        }
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Why the last call failed or found the connection closed: a {@link SocketStatus} value. */
    public int lastFailure() {
        return lastFailure;
    }

    /** How many connections were attempted: a test reads it to see reconnects. */
    public int connects() {
        return connects;
    }

    @Override
    public int connect() {
        if (socket != null) {
            return CONNECTED;
        }
        connects++;
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(readTimeoutMillis);
            opened.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            in = opened.getInputStream();
            out = opened.getOutputStream();
        } catch (IOException e) {
            closeQuietly(opened);
            return fail(connectFailure(e));
        }
        socket = opened;
        lastFailure = SocketStatus.OK;
        return CONNECTED;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (socket == null) {
            return fail(SocketStatus.SOCKET_NOT_OPEN);
        }
        try {
            int available = in.available();
            // what has arrived is read without waiting; only an empty socket waits (SO_TIMEOUT)
            int count = in.read(buffer, offset, available > 0 ? Math.min(length, available) : length);
            if (count < 0) {
                lastFailure = SocketStatus.SOCKET_CLOSED_BY_PEER;
                return CLOSED;
            }
            return count;
        } catch (SocketTimeoutException nothingArrived) {
            return 0;
        } catch (IOException e) {
            return fail(SocketStatus.SOCKET_BROKEN);
        }
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (socket == null) {
            return fail(SocketStatus.SOCKET_NOT_OPEN);
        }
        try {
            out.write(buffer, offset, length);
            return length;
        } catch (IOException e) {
            return fail(SocketStatus.SOCKET_BROKEN);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
            in = null;
            out = null;
        }
    }

    private int fail(int reason) {
        lastFailure = reason;
        return FAILED;
    }

    private static int connectFailure(IOException e) {
        if (e instanceof ConnectException) {
            return SocketStatus.SOCKET_REFUSED;
        }
        if (e instanceof SocketTimeoutException) {
            return SocketStatus.SOCKET_CONNECT_TIMED_OUT;
        }
        if (e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return SocketStatus.SOCKET_UNREACHABLE;
        }
        return SocketStatus.SOCKET_OPEN_FAILED;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
