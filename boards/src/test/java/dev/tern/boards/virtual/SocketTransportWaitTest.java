package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.hal.Transport;

/** {@link SocketTransport#awaitReadable}: wakes for bytes, ends the wait for a closed link, allocates nothing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketTransportWaitTest {

    private static final long LONG_WAIT_MILLIS = 60_000;

    @Test
    void returnsAtOnceWithoutAConnection() {
        SocketTransport transport = new SocketTransport("127.0.0.1", 1);
        transport.awaitReadable(LONG_WAIT_MILLIS); // the class timeout fails the test if this waited
        assertEquals(Transport.FAILED, transport.read(new byte[4], 0, 4));
    }

    @Test
    void wakesForBytesThatArriveAndForAClosedPeer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketTransport transport = connect(server);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {1, 2, 3});
                out.flush();
                transport.awaitReadable(LONG_WAIT_MILLIS);
                byte[] buffer = new byte[8];
                int read = transport.read(buffer, 0, buffer.length);
                assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buffer, read));
            }
            transport.awaitReadable(LONG_WAIT_MILLIS); // the peer closed: readable (end of stream)
            assertEquals(Transport.CLOSED, transport.read(new byte[8], 0, 8));
            transport.release();
        }
    }

    @Test
    void waitsOnANewConnectionAfterReconnecting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            SocketTransport transport = connect(server);
            server.accept().close();
            transport.awaitReadable(LONG_WAIT_MILLIS);
            transport.close();
            connect(server, transport);
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(7);
                transport.awaitReadable(LONG_WAIT_MILLIS);
                byte[] buffer = new byte[1];
                assertEquals(1, transport.read(buffer, 0, 1));
                assertEquals(7, buffer[0]);
            }
            transport.release();
        }
    }

    @Test
    void allocatesNothingAfterTheFirstWait() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketTransport transport = connect(server);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                byte[] buffer = new byte[8];
                for (int i = 0; i < 2_000; i++) { // links and compiles the path before it is measured
                    roundTrip(out, transport, buffer);
                }
                long threadId = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(threadId);
                for (int i = 0; i < 1_000; i++) {
                    roundTrip(out, transport, buffer);
                }
                long after = threads.getThreadAllocatedBytes(threadId);
                assertEquals(0, after - before, "bytes allocated by 1,000 waits that woke for a byte");
            }
            transport.release();
        }
    }

    private static final byte[] ONE_BYTE = {9};

    /** The peer sends a byte (from an array: the socket stream's write(int) makes one per call). */
    private static void roundTrip(OutputStream peer, SocketTransport transport, byte[] buffer) throws Exception {
        peer.write(ONE_BYTE);
        transport.awaitReadable(LONG_WAIT_MILLIS);
        if (transport.read(buffer, 0, buffer.length) != 1) {
            throw new AssertionError("the byte did not arrive");
        }
    }

    private static SocketTransport connect(ServerSocket server) {
        SocketTransport transport = new SocketTransport("127.0.0.1", server.getLocalPort());
        connect(server, transport);
        return transport;
    }

    private static void connect(ServerSocket server, SocketTransport transport) {
        int status;
        do {
            status = transport.connect();
        } while (status == Transport.IN_PROGRESS);
        assertEquals(Transport.CONNECTED, status, "connecting to port " + server.getLocalPort());
    }
}
