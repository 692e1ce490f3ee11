package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.Parity;
import dev.tern.testsupport.PtyPair;

/** JsscLink over socat pseudo-terminal pairs: what a user's port does, minus the modem lines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsscLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Bytes a cooked terminal would change or act on: CR, LF, Ctrl-C, Ctrl-D, XON, XOFF, DEL, 0x00, 0xFF. */
    private static final byte[] RAW_BYTES = {0x79, 0x0d, 0x0a, 0x03, 0x04, 0x11, 0x13, 0x7f, 0x00, (byte) 0xff};

    @Tag("socat")
    @Test
    void bytesCrossBothWaysUnchangedAt115200_8N1() throws IOException {
        try (PtyPair pty = PtyPair.open();
             SerialLink host = SerialLinks.open(pty.a().toString());
             SerialLink board = SerialLinks.open(pty.b().toString())) {
            assertTrue(host instanceof JsscLink, host.getClass().getName());
            host.configure(LineSettings.of8N1(115200));
            board.configure(LineSettings.of8N1(115200));

            host.write(RAW_BYTES);
            assertArrayEquals(RAW_BYTES, readExactly(board, RAW_BYTES.length));
            board.write(RAW_BYTES, 2, 5);
            assertArrayEquals(Arrays.copyOfRange(RAW_BYTES, 2, 7), readExactly(host, 5));
        }
    }

    @Tag("socat")
    @Test
    void aLongBurstArrivesWholeAndInOrder() throws IOException {
        byte[] burst = new byte[20_000];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = (byte) (i * 31 + i / 256);
        }
        try (PtyPair pty = PtyPair.open();
             SerialLink host = JsscLink.open(pty.a().toString());
             SerialLink board = JsscLink.open(pty.b().toString())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return readExactly(board, burst.length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            host.write(burst);
            assertArrayEquals(burst, received.join());
        }
    }

    @Tag("socat")
    @Test
    void aReadWithNothingToReadReturnsZeroAfterItsTimeout() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink host = JsscLink.open(pty.a().toString())) {
            long start = System.nanoTime();
            assertEquals(0, host.read(new byte[16], 0, 16, Duration.ofMillis(150)));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos(), "returned before its timeout");
        }
    }

    @Tag("socat")
    @Test
    void discardInputDropsWhatWasNotRead() throws IOException {
        try (PtyPair pty = PtyPair.open();
             SerialLink host = JsscLink.open(pty.a().toString());
             SerialLink board = JsscLink.open(pty.b().toString())) {
            board.write(new byte[] {1, 2, 3});
            awaitAvailable(host);
            host.discardInput();
            board.write(new byte[] {4});
            assertArrayEquals(new byte[] {4}, readExactly(host, 1));
        }
    }

    @Tag("socat")
    @Test
    void aSecondOpenOfTheSamePortIsBusyAndSaysWhatToDo() throws IOException {
        try (PtyPair pty = PtyPair.open()) {
            try (SerialLink first = JsscLink.open(pty.a().toString())) {
                PortBusyException busy = assertThrows(PortBusyException.class, () -> JsscLink.open(pty.a().toString()));
                assertEquals(pty.a() + " is in use by another program (a monitor or flasher?); close it and retry", busy.getMessage());
                assertEquals(pty.a().toString(), busy.port());
                assertEquals(pty.a().toString(), first.name());
            }
            // released on close: the next user gets it
            try (SerialLink next = JsscLink.open(pty.a().toString())) {
                assertEquals(pty.a().toString(), next.name());
            }
        }
    }

    @Tag("socat")
    @Test
    void anotherNameOfTheSameDeviceIsBusyToo() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink first = JsscLink.open(pty.a().toString())) {
            String device = pty.a().toRealPath().toString();
            assertTrue(device.startsWith("/dev/pts/"), device);
            PortBusyException busy = assertThrows(PortBusyException.class, () -> JsscLink.open(device));
            assertEquals(device + " is in use by another program (a monitor or flasher?); close it and retry", busy.getMessage());
            assertEquals(pty.a().toString(), first.name());
        }
    }

    @Test
    void jsscOpenFailuresBecomeTernsWithWhatToDo() {
        assertEquals(PortBusyException.class, JsscLink.openFailure("/dev/ttyUSB0", jssc("Port busy")).getClass());
        assertEquals(PortNotFoundException.class, JsscLink.openFailure("/dev/ttyUSB0", jssc("Port not found")).getClass());
        SerialPortException denied = JsscLink.openFailure("/dev/ttyUSB0", jssc("Permission denied"));
        assertEquals("no permission to open /dev/ttyUSB0; add yourself to the group that owns it (usually dialout: "
                + "sudo usermod -aG dialout $USER, then log in again)", denied.getMessage());
        assertEquals("cannot open /dev/ttyUSB0: Something else",
                JsscLink.openFailure("/dev/ttyUSB0", jssc("Something else")).getMessage());
    }

    private static jssc.SerialPortException jssc(String type) {
        return new jssc.SerialPortException(new jssc.SerialPort("/dev/ttyUSB0"), "openPort()", type);
    }

    @Test
    void aPortThatDoesNotExistIsNotFoundWithAHint() {
        PortNotFoundException missing = assertThrows(PortNotFoundException.class, () -> SerialLinks.open("/dev/ttyUSB9"));
        assertEquals("no such port /dev/ttyUSB9; run 'tern ports' to list the ports present", missing.getMessage());
    }

    @Test
    void aFileThatIsNotATerminalIsRefused() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("tern-not-a-port", ".txt");
        try {
            PortNotFoundException notSerial = assertThrows(PortNotFoundException.class, () -> JsscLink.open(file.toString()));
            assertTrue(notSerial.getMessage().contains("is not a serial port"), notSerial.getMessage());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Tag("socat")
    @Test
    void readsEndWithPortGoneWhenTheDeviceVanishes() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink host = JsscLink.open(pty.a().toString())) {
            assertEquals(0, host.read(new byte[1], 0, 1, Duration.ofMillis(20)));
            pty.unplug();

            PortGoneException gone = assertThrows(PortGoneException.class, () -> {
                // bounded: a link that kept returning 0 would fail here, not loop
                for (int i = 0; i < 50; i++) {
                    host.read(new byte[1], 0, 1, Duration.ofMillis(100));
                }
            });
            assertTrue(gone.getMessage().startsWith(pty.a() + ": the port vanished"), gone.getMessage());
            assertThrows(PortGoneException.class, () -> host.write(new byte[] {1}));
        }
    }

    @Tag("socat")
    @Test
    void closeFromAnotherThreadEndsABlockedRead() throws Exception {
        try (PtyPair pty = PtyPair.open()) {
            SerialLink host = JsscLink.open(pty.a().toString());
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    host.read(new byte[1], 0, 1, Duration.ofSeconds(30));
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(100);
            host.close();
            assertTrue(reader.get(5, TimeUnit.SECONDS) instanceof PortGoneException);
        }
    }

    @Tag("socat")
    @Test
    void dtrOnAPseudoTerminalFailsSayingItHasNoModemLinesAndWhatToDo() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink host = JsscLink.open(pty.a().toString())) {
            assertFalse(host.hasModemLines());
            LineControlUnsupportedException dtr = assertThrows(LineControlUnsupportedException.class, () -> host.setDtr(false));
            assertEquals(pty.a() + " is a pseudo-terminal, which has no modem lines: DTR cannot be set; enter the bootloader "
                    + "another way (--enter console-command, or BOOT0 by hand with --enter boot-pin-reset)", dtr.getMessage());
            assertThrows(LineControlUnsupportedException.class, () -> host.setRts(true));
        }
    }

    @Tag("socat")
    @Test
    void aPseudoTerminalTakesTheBaudButCarriesNoParity() throws Exception {
        try (PtyPair pty = PtyPair.open(); SerialLink host = JsscLink.open(pty.a().toString())) {
            host.configure(new LineSettings(57600, 8, Parity.EVEN, 1, FlowControl.NONE));
            String stty = Stty.settings(pty.a());
            assertTrue(stty.contains("speed 57600 baud"), stty);
            assertTrue(stty.contains("-parenb"), "a pty forces no parity: " + stty);
        }
    }

    @Tag("socat")
    @Test
    void aRateNoDeviceCanBeSetToIsRefusedNamingTheRatesThatCan() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink host = JsscLink.open(pty.a().toString())) {
            SerialPortException refused = assertThrows(SerialPortException.class, () -> host.configure(LineSettings.of8N1(12345)));
            assertTrue(refused.getMessage().startsWith(pty.a() + ": 12345 baud is not a rate"), refused.getMessage());
            assertTrue(refused.getMessage().contains("115200"), refused.getMessage());
        }
    }

    static byte[] readExactly(SerialLink link, int length) throws IOException {
        byte[] buffer = new byte[length];
        int got = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got < length) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("got " + got + " of " + length + " bytes within " + WAIT.toSeconds() + " s from " + link);
            }
            got += link.read(buffer, got, length - got, Duration.ofNanos(remaining));
        }
        return buffer;
    }

    private static void awaitAvailable(SerialLink link) throws IOException {
        // the pty delivers asynchronously: give the bytes a moment to reach the other end's buffer
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (((JsscLink) link).available() > 0) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("nothing arrived at " + link);
    }
}
