package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.Parity;

/** Rfc2217Link against an RFC 2217 server in this JVM: the bytes on the wire, as the RFC lays them out. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Rfc2217LinkTest {

    @Test
    void configureSendsEachSettingAsItsComPortCommandAndTakesTheAnswers() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            assertTrue(link instanceof Rfc2217Link, link.getClass().getName());

            link.configure(new LineSettings(115200, 7, Parity.EVEN, 2, FlowControl.RTS_CTS));

            assertEquals(List.of(
                    "1 [0, 1, -62, 0]",   // SET-BAUDRATE 115200 = 0x0001C200
                    "2 [7]",              // SET-DATASIZE 7
                    "3 [3]",              // SET-PARITY EVEN
                    "4 [2]",              // SET-STOPSIZE 2
                    "5 [3]"),             // SET-CONTROL hardware flow control
                    server.commands());
        }
    }

    @Test
    void aBaudWithAnFfByteIsSentWithTheIacDoubled() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            link.configure(LineSettings.of8N1(0x0001FFFF));

            assertEquals("1 [0, 1, -1, -1]", server.commands().get(0));
            byte[] expected = {
                (byte) 0xFF, (byte) 0xFA, 44, 1,                       // IAC SB COM-PORT SET-BAUDRATE
                0x00, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // 0x0001FFFF, each FF doubled
                (byte) 0xFF, (byte) 0xF0                               // IAC SE
            };
            assertTrue(indexOf(server.raw(), expected) >= 0, "raw bytes lack the escaped command");
        }
    }

    @Test
    void dataFfBytesAreDoubledOnTheWireAndArriveSingle() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            link.write(new byte[] {0x10, (byte) 0xFF, 0x20, (byte) 0xFF, (byte) 0xFF});

            awaitTrue(() -> server.data().length == 5, "data at the server");
            assertArrayEquals(new byte[] {0x10, (byte) 0xFF, 0x20, (byte) 0xFF, (byte) 0xFF}, server.data());
            assertTrue(indexOf(server.raw(), new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, 0x20,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}) >= 0, "0xFF not doubled on the wire");
        }
    }

    @Test
    void answersAndNotificationsInTheMiddleOfDataLoseNoDataByte() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            server.send(new byte[] {
                'o', 'k',
                (byte) 0xFF, (byte) 0xFA, 44, 107, 0x30, (byte) 0xFF, (byte) 0xF0, // IAC SB COM-PORT NOTIFY-MODEMSTATE 0x30 IAC SE
                (byte) 0xFF, (byte) 0xFF,                                           // data 0xFF
                (byte) 0xFF, (byte) 0xFB, 0x01,                                     // IAC WILL ECHO
                '!'});

            assertArrayEquals(new byte[] {'o', 'k', (byte) 0xFF, '!'}, JsscLinkTest.readExactly(link, 4));
        }
    }

    @Test
    void dtrAndRtsAreSetWithSetControlAndConfirmed() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            assertTrue(link.hasModemLines());
            link.setDtr(true);
            link.setDtr(false);
            link.setRts(true);
            link.setRts(false);

            assertEquals(List.of("5 [8]", "5 [9]", "5 [11]", "5 [12]"), server.commands());
        }
    }

    @Tag("slow")
    @Test
    void anUnconfirmedDtrIsALineControlErrorSayingWhy() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.silentOn(Telnet.CONTROL_DTR_OFF);
             SerialLink link = SerialLinks.open(server.url())) {
            LineControlUnsupportedException silent = assertThrows(LineControlUnsupportedException.class, () -> link.setDtr(false));

            assertEquals(server.url() + ": the server did not confirm DTR within 3 s; its serial port may have no modem lines "
                    + "(a pseudo-terminal has none); enter the bootloader another way (--enter console-command)", silent.getMessage());
        }
    }

    @Test
    void discardInputPurgesTheServersBufferAndDropsWhatArrived() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            server.send(new byte[] {'x', 'y'});
            awaitTrue(() -> ((Rfc2217Link) link).buffered() == 2, "bytes buffered");

            link.discardInput();

            assertEquals(List.of("12 [1]"), server.commands());
            assertEquals(0, link.read(new byte[4], 0, 4, Duration.ofMillis(50)));
        }
    }

    @Test
    void aServerRefusingComPortIsNamedWithWhatToUseInstead() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.refusingComPort()) {
            SerialPortException refused = assertThrows(SerialPortException.class, () -> SerialLinks.open(server.url()));
            assertTrue(refused.getMessage().startsWith(server.url() + ": the server refused RFC 2217"), refused.getMessage());
            assertTrue(refused.getMessage().contains("telnet(rfc2217)"), refused.getMessage());
        }
    }

    @Tag("slow")
    @Test
    void aRawTcpPortThatSaysNothingIsToldApartFromRfc2217() throws IOException {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String url = "rfc2217://127.0.0.1:" + raw.getLocalPort();
            SerialPortException silent = assertThrows(SerialPortException.class, () -> SerialLinks.open(url));
            assertEquals(url + ": no RFC 2217 answer within 3 s; is it a raw TCP port? then use socket://127.0.0.1:"
                    + raw.getLocalPort(), silent.getMessage());
        }
    }

    @Test
    void readsEndWithPortGoneWhenTheServerDropsTheConnection() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            server.dropClient();

            PortGoneException gone = assertThrows(PortGoneException.class, () -> link.read(new byte[1], 0, 1, Duration.ofSeconds(5)));
            assertEquals(server.url() + ": the server closed the connection", gone.getMessage());
        }
    }

    @Test
    void readsEndWithPortGoneWhenTheServerResetsTheConnection() throws IOException {
        try (FakeRfc2217Server server = FakeRfc2217Server.start(); SerialLink link = SerialLinks.open(server.url())) {
            server.resetClient();

            PortGoneException gone = assertThrows(PortGoneException.class, () -> link.read(new byte[1], 0, 1, Duration.ofSeconds(5)));
            assertEquals(server.url() + ": the server reset the connection", gone.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsPortNotFound() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        String url = "rfc2217://127.0.0.1:" + port;
        PortNotFoundException refused = assertThrows(PortNotFoundException.class, () -> SerialLinks.open(url));
        assertTrue(refused.getMessage().startsWith(url + ": cannot connect ("), refused.getMessage());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
