package dev.tern.host.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * {@code socket://host:port}: the serial line's bytes over raw TCP, as ser2net's raw mode, an
 * ESP-Link or the virtual board's console serve them. There is no line to configure and no modem
 * line; both are the far end's business.
 */
public final class SocketLink implements SerialLink {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SocketLink(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}; {@code name} is the port as the user wrote it. */
    public static SocketLink connect(String name, String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return new SocketLink(name, socket);
        } catch (ConnectException | UnknownHostException | SocketTimeoutException e) {
            socket.close();
            throw new PortNotFoundException(name, name + ": cannot connect (" + e.getMessage()
                    + "); is the board or serial server (tern sim, ser2net) running and listening there?", e);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void configure(LineSettings settings) {
        // raw TCP carries bytes only: the far end owns the line's format
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        if (length == 0) {
            return 0;
        }
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            int count = in.read(buffer, offset, length);
            if (count < 0) {
                throw new PortGoneException(name, name + ": the far end closed the connection");
            }
            return count;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (SocketException e) {
            throw new PortGoneException(name, name + ": connection lost (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        try {
            out.write(buffer, offset, length);
            out.flush();
        } catch (SocketException e) {
            throw new PortGoneException(name, name + ": connection lost (" + e.getMessage() + ")", e);
        }
    }

    /** Bytes received and not yet read. */
    int available() throws IOException {
        return in.available();
    }

    @Override
    public void discardInput() throws IOException {
        try {
            long available;
            while ((available = in.available()) > 0) {
                in.skip(available);
            }
        } catch (SocketException e) {
            throw new PortGoneException(name, name + ": connection lost (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean hasModemLines() {
        return false;
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        throw noModemLines("DTR");
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        throw noModemLines("RTS");
    }

    private LineControlUnsupportedException noModemLines(String line) {
        return new LineControlUnsupportedException(name, name + ": a raw socket has no " + line
                + " line; use rfc2217:// (ser2net's telnet mode) or a device path to drive it");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
