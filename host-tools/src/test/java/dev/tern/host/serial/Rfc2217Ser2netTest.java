package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.testsupport.PtyPair;
import dev.tern.testsupport.Ser2netServer;

/**
 * Rfc2217Link through the real ser2net (Debian package, 4.x) serving one end of a socat pty
 * pair; the "board" is a JsscLink on the other end. Skipped, naming the package, where socat or
 * ser2net is missing.
 */
@Tag("socat")
@Tag("ser2net")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rfc2217Ser2netTest {

    /** Every byte value, 0xFF (IAC) among them, some twice in a row. */
    private static final byte[] ALL_BYTES = new byte[260];

    static {
        for (int i = 0; i < ALL_BYTES.length; i++) {
            ALL_BYTES[i] = (byte) (i < 256 ? i : 0xFF);
        }
    }

    @Test
    void everyByteValueCrossesBothWays() throws IOException {
        try (PtyPair pty = PtyPair.open();
             Ser2netServer server = Ser2netServer.serve(pty.a());
             SerialLink host = SerialLinks.open(server.rfc2217Url());
             SerialLink board = JsscLink.open(pty.b().toString())) {
            host.configure(LineSettings.of8N1(115200));

            host.write(ALL_BYTES);
            assertArrayEquals(ALL_BYTES, JsscLinkTest.readExactly(board, ALL_BYTES.length), server::output);
            board.write(ALL_BYTES);
            assertArrayEquals(ALL_BYTES, JsscLinkTest.readExactly(host, ALL_BYTES.length), server::output);
        }
    }

    @Test
    void aBaudChangeReachesTheDeviceBehindTheServer() throws Exception {
        try (PtyPair pty = PtyPair.open();
             Ser2netServer server = Ser2netServer.serve(pty.a());
             SerialLink host = SerialLinks.open(server.rfc2217Url())) {
            host.configure(LineSettings.of8N1(115200));
            assertTrue(Stty.settings(pty.a()).contains("speed 115200 baud"), Stty.settings(pty.a()));

            // configure returns once ser2net answered with the rate it set
            host.configure(LineSettings.of8N1(57600));

            String stty = Stty.settings(pty.a());
            assertTrue(stty.contains("speed 57600 baud"), stty);
        }
    }

    @Test
    void discardInputIsAnsweredAndDropsWhatCameBefore() throws IOException {
        try (PtyPair pty = PtyPair.open();
             Ser2netServer server = Ser2netServer.serve(pty.a());
             SerialLink host = SerialLinks.open(server.rfc2217Url());
             SerialLink board = JsscLink.open(pty.b().toString())) {
            board.write(new byte[] {'o', 'l', 'd'});
            Rfc2217LinkTest.awaitTrue(() -> ((Rfc2217Link) host).buffered() == 3, "the old bytes at the host");

            host.discardInput();
            board.write(new byte[] {'n', 'e', 'w'});

            assertArrayEquals(new byte[] {'n', 'e', 'w'}, JsscLinkTest.readExactly(host, 3));
        }
    }

    /**
     * ser2net takes SET-CONTROL DTR/RTS and drives the lines with TIOCMSET; a pseudo-terminal
     * has no modem lines, the ioctl fails and ser2net sends no answer. What the user then reads
     * is checked here; the bytes of SET-CONTROL and a confirmed answer are checked in
     * {@link Rfc2217LinkTest#dtrAndRtsAreSetWithSetControlAndConfirmed()}.
     */
    @Test
    void dtrOnAPtyBehindSer2netIsNotConfirmedAndTheLinkSaysWhy() throws IOException {
        try (PtyPair pty = PtyPair.open();
             Ser2netServer server = Ser2netServer.serve(pty.a());
             SerialLink host = SerialLinks.open(server.rfc2217Url())) {
            LineControlUnsupportedException dtr = assertThrows(LineControlUnsupportedException.class, () -> host.setDtr(true));
            assertTrue(dtr.getMessage().contains("the server did not confirm DTR"), dtr.getMessage());

            // the link still works after the unanswered command
            host.configure(LineSettings.of8N1(19200));
            assertTrue(Stty.settings(pty.a()).contains("speed 19200 baud"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void readsEndWithPortGoneWhenSer2netStops() throws IOException {
        try (PtyPair pty = PtyPair.open()) {
            Ser2netServer server = Ser2netServer.serve(pty.a());
            try (SerialLink host = SerialLinks.open(server.rfc2217Url())) {
                server.close();

                PortGoneException gone = assertThrows(PortGoneException.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        host.read(new byte[1], 0, 1, Duration.ofMillis(100));
                    }
                });
                // ser2net ends with FIN or, when our telnet bytes are still unread in its socket, RST
                assertTrue(gone.getMessage().equals(server.rfc2217Url() + ": the server closed the connection")
                        || gone.getMessage().equals(server.rfc2217Url() + ": the server reset the connection"),
                        gone.getMessage());
            }
        }
    }
}
