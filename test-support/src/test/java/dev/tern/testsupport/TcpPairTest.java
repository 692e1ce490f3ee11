package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class TcpPairTest {

    private static final byte[] BYTES = {0x7f, 0x00, (byte) 0xff, 0x0d, 0x0a, 0x03};

    @Test
    void bytesCrossFromClientToServer() throws Exception {
        try (TcpPair tcp = TcpPair.open()) {
            tcp.clientOutput().write(BYTES);
            tcp.clientOutput().flush();

            assertArrayEquals(BYTES, tcp.serverInput().readNBytes(BYTES.length));
        }
    }

    @Test
    void bytesCrossFromServerToClient() throws Exception {
        try (TcpPair tcp = TcpPair.open()) {
            tcp.serverOutput().write(BYTES);
            tcp.serverOutput().flush();

            assertArrayEquals(BYTES, tcp.clientInput().readNBytes(BYTES.length));
        }
    }

    @Test
    void urlNamesTheLoopbackPortOfTheServerEnd() {
        try (TcpPair tcp = TcpPair.open()) {
            assertEquals("socket://127.0.0.1:" + tcp.port(), tcp.url());
            assertEquals(tcp.port(), tcp.serverEnd().getLocalPort());
            assertEquals(tcp.port(), tcp.clientEnd().getPort());
            assertEquals("127.0.0.1", tcp.clientEnd().getInetAddress().getHostAddress());
        }
    }

    @Test
    void readsTimeOutInsteadOfHanging() {
        try (TcpPair tcp = TcpPair.open(Duration.ofMillis(100))) {
            assertThrows(SocketTimeoutException.class, () -> tcp.serverInput().read());
            assertThrows(SocketTimeoutException.class, () -> tcp.clientInput().read());
        }
    }

    @Test
    void closeClosesBothEnds() {
        final TcpPair tcp = TcpPair.open();

        tcp.close();

        assertTrue(tcp.serverEnd().isClosed());
        assertTrue(tcp.clientEnd().isClosed());
    }
}
