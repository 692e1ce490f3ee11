package dev.tern.boards.tls;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that frames TLS records (5-byte header: type, version, length) on the
 * way to the client, so a test can garble a byte inside record N, truncate record N and end the
 * connection, or cut every connection at once. The fault proxy frames MQTT packets, which inside
 * TLS it cannot see; this one frames what is on the wire. Each rule fires on the first connection.
 */
final class TlsRecordProxy implements AutoCloseable {

    private static final int HEADER = 5;

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int garbleRecord;
    private volatile int truncateRecord;

    private TlsRecordProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "tls-record-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TlsRecordProxy start(int targetPort) throws IOException {
        return new TlsRecordProxy(targetPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Flips the last byte of the {@code record}-th record (from 1) to the client of the first connection. */
    TlsRecordProxy garbleRecordToClient(int record) {
        garbleRecord = record;
        return this;
    }

    /** Forwards half of the {@code record}-th record to the client of the first connection, then ends it. */
    TlsRecordProxy truncateRecordToClient(int record) {
        truncateRecord = record;
        return this;
    }

    /** Ends every open connection now, as a network cut: neither side sends close_notify. */
    void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(broker);
                boolean first = connections.incrementAndGet() == 1;
                pump(client, broker, false, "to-broker");
                pump(broker, client, first, "to-client");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean faulty, String name) {
        Thread thread = new Thread(() -> {
            try {
                DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream();
                byte[] record = new byte[HEADER + (1 << 16)];
                for (int number = 1; ; number++) {
                    in.readFully(record, 0, HEADER);
                    int length = ((record[3] & 0xFF) << 8) | (record[4] & 0xFF);
                    in.readFully(record, HEADER, length);
                    if (faulty && number == truncateRecord) {
                        out.write(record, 0, HEADER + length / 2);
                        out.flush();
                        break;
                    }
                    if (faulty && number == garbleRecord) {
                        record[HEADER + length - 1] ^= 0x5A;
                    }
                    out.write(record, 0, HEADER + length);
                    out.flush();
                }
            } catch (IOException e) {
                // one side ended: end the other
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "tls-record-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
