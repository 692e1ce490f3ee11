package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SocketLink against a ServerSocket on 127.0.0.1 standing in for the board's console. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketLinkTest {

    @Test
    void bytesCrossBothWaysUnchanged() throws IOException {
        try (ServerSocket server = loopbackServer();
             SerialLink link = SerialLinks.open(url(server));
             Socket board = server.accept()) {
            assertTrue(link instanceof SocketLink);
            link.write(new byte[] {0x7F, (byte) 0xFF, 0x00, 0x0D});
            assertArrayEquals(new byte[] {0x7F, (byte) 0xFF, 0x00, 0x0D}, board.getInputStream().readNBytes(4));

            board.getOutputStream().write(new byte[] {(byte) 0xFF, 0x11, 0x13});
            assertArrayEquals(new byte[] {(byte) 0xFF, 0x11, 0x13}, JsscLinkTest.readExactly(link, 3));
        }
    }

    @Test
    void aReadWithNothingToReadReturnsZero() throws IOException {
        try (ServerSocket server = loopbackServer(); SerialLink link = SerialLinks.open(url(server)); Socket board = server.accept()) {
            assertEquals(0, link.read(new byte[8], 0, 8, Duration.ofMillis(100)));
            assertTrue(board.isConnected());
        }
    }

    @Test
    void theFarEndClosingIsPortGone() throws IOException {
        try (ServerSocket server = loopbackServer(); SerialLink link = SerialLinks.open(url(server))) {
            server.accept().close();

            PortGoneException gone = assertThrows(PortGoneException.class, () -> link.read(new byte[1], 0, 1, Duration.ofSeconds(5)));
            assertEquals(url(server) + ": the far end closed the connection", gone.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsPortNotFoundWithWhatToCheck() throws IOException {
        String url;
        try (ServerSocket probe = loopbackServer()) {
            url = url(probe);
        }
        PortNotFoundException refused = assertThrows(PortNotFoundException.class, () -> SerialLinks.open(url));
        assertTrue(refused.getMessage().startsWith(url + ": cannot connect ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("is the board or serial server (tern sim, ser2net) running and listening there?"),
                refused.getMessage());
    }

    @Test
    void aRawSocketHasNoModemLinesAndSaysWhatHas() throws IOException {
        try (ServerSocket server = loopbackServer(); SerialLink link = SerialLinks.open(url(server)); Socket board = server.accept()) {
            assertFalse(link.hasModemLines());
            LineControlUnsupportedException dtr = assertThrows(LineControlUnsupportedException.class, () -> link.setDtr(true));
            assertTrue(dtr.getMessage().contains("use rfc2217://"), dtr.getMessage());
            assertTrue(board.isConnected());
        }
    }

    @Test
    void discardInputDropsWhatArrived() throws IOException {
        try (ServerSocket server = loopbackServer(); SerialLink link = SerialLinks.open(url(server)); Socket board = server.accept()) {
            OutputStream toHost = board.getOutputStream();
            toHost.write(new byte[] {1, 2, 3});
            toHost.flush();
            Rfc2217LinkTest.awaitTrue(() -> available((SocketLink) link) == 3, "three bytes at the host");

            link.discardInput();
            toHost.write(4);
            assertArrayEquals(new byte[] {4}, JsscLinkTest.readExactly(link, 1));
        }
    }

    private static int available(SocketLink link) {
        try {
            return link.available();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    private static String url(ServerSocket server) {
        return "socket://127.0.0.1:" + server.getLocalPort();
    }
}
