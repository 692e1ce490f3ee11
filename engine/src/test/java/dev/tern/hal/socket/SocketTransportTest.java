package dev.tern.hal.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.hal.Transport;

/** The java.net transport against a real server on 127.0.0.1: the Transport contract, call by call. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SocketTransportTest {

    private ServerSocket server;
    private Socket peer;
    private SocketTransport transport;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        transport = new SocketTransport("127.0.0.1", server.getLocalPort(), 2000, 5);
    }

    @AfterEach
    void closeAll() throws IOException {
        transport.close();
        if (peer != null) {
            peer.close();
        }
        server.close();
    }

    private void connectAndAccept() throws IOException {
        assertEquals(Transport.CONNECTED, transport.connect());
        peer = server.accept();
    }

    @Test
    void connectsAtOnceAndAgainReportsConnectedWithoutANewSocket() throws IOException {
        connectAndAccept();

        assertEquals(Transport.CONNECTED, transport.connect());
        assertEquals(1, transport.connects());
        assertEquals(SocketStatus.OK, transport.lastFailure());
    }

    @Test
    void writtenBytesReachThePeer() throws IOException {
        connectAndAccept();
        byte[] bytes = "..hello..".getBytes(StandardCharsets.US_ASCII);

        assertEquals(5, transport.write(bytes, 2, 5));

        byte[] received = peer.getInputStream().readNBytes(5);
        assertEquals("hello", new String(received, StandardCharsets.US_ASCII));
    }

    @Test
    void readReturnsZeroWhenNothingArrived() throws IOException {
        connectAndAccept();
        byte[] buffer = new byte[16];

        assertEquals(0, transport.read(buffer, 0, buffer.length));
        assertEquals(0, transport.read(buffer, 0, buffer.length));
        assertEquals(SocketStatus.OK, transport.lastFailure());
    }

    @Test
    void readTakesWhatArrivedUpToTheLengthAndKeepsTheRestForTheNextRead() throws IOException {
        connectAndAccept();
        peer.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6});
        peer.getOutputStream().flush();
        byte[] buffer = new byte[8];

        int first = readSomething(buffer, 1, 4);
        int second = readSomething(buffer, 1 + first, 8 - 1 - first);

        assertEquals(4, first);
        assertEquals(2, second);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 0}, buffer);
    }

    @Test
    void readReportsClosedWhenThePeerClosesAndSaysWhy() throws IOException {
        connectAndAccept();
        peer.close();
        byte[] buffer = new byte[4];

        int result = 0;
        for (int attempt = 0; attempt < 1000 && result == 0; attempt++) {
            result = transport.read(buffer, 0, buffer.length);
        }

        assertEquals(Transport.CLOSED, result);
        assertEquals(SocketStatus.SOCKET_CLOSED_BY_PEER, transport.lastFailure());
    }

    @Test
    void connectToAPortNobodyListensOnFailsAsRefused() throws IOException {
        int port = server.getLocalPort();
        server.close();
        SocketTransport refused = new SocketTransport("127.0.0.1", port, 2000, 5);

        assertEquals(Transport.FAILED, refused.connect());
        assertEquals(SocketStatus.SOCKET_REFUSED, refused.lastFailure());
        assertEquals(Transport.FAILED, refused.read(new byte[1], 0, 1));
        assertEquals(SocketStatus.SOCKET_NOT_OPEN, refused.lastFailure());
    }

    @Test
    void readAndWriteBeforeConnectFailAsNotOpen() {
        assertEquals(Transport.FAILED, transport.read(new byte[1], 0, 1));
        assertEquals(SocketStatus.SOCKET_NOT_OPEN, transport.lastFailure());
        assertEquals(Transport.FAILED, transport.write(new byte[1], 0, 1));
        assertEquals(SocketStatus.SOCKET_NOT_OPEN, transport.lastFailure());
    }

    @Test
    void afterCloseTheNextConnectOpensANewConnection() throws IOException {
        connectAndAccept();
        transport.close();
        transport.close(); // a second close is harmless

        assertEquals(Transport.FAILED, transport.write(new byte[1], 0, 1));
        assertEquals(Transport.CONNECTED, transport.connect());
        try (Socket second = server.accept()) {
            assertEquals(2, transport.connects());
            assertEquals(1, transport.write(new byte[] {42}, 0, 1));
            InputStream in = second.getInputStream();
            assertEquals(42, in.read());
        }
    }

    @Test
    void timeoutsBelowOneMillisecondAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SocketTransport("127.0.0.1", 1883, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new SocketTransport("127.0.0.1", 1883, 2000, 0));
    }

    /** Bytes sent by the peer may take a moment to arrive: reads until some do (bounded by the test's timeout). */
    private int readSomething(byte[] buffer, int offset, int length) {
        int count;
        do {
            count = transport.read(buffer, offset, length);
        } while (count == 0);
        if (count < 0) {
            throw new AssertionError("read failed: " + SocketStatus.name(transport.lastFailure())
                    + " buffer " + Arrays.toString(buffer));
        }
        return count;
    }
}
