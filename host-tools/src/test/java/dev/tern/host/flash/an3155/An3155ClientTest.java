package dev.tern.host.flash.an3155;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.bootloader.Stm32Crc;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.host.flash.protocol.BootloaderException;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.SerialLink;
import dev.tern.host.serial.SerialLinks;

/** The AN3155 client against the virtual board's bootloader (boards module) over a socket. */
@Timeout(30)
class An3155ClientTest {

    private static final long APP = 0x0802_0000L;
    /** Ample for the virtual board's erase of a page or of everything. */
    private static final Duration ERASE_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void syncsOnceThenGetsNackAsAlreadySyncedAndIdentifiesTheChip() throws IOException {
        try (BootloaderServer server = BootloaderServer.start(folder, true);
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Client client = new An3155Client(link);
            assertEquals(An3155.ACK, client.sync(3));
            assertEquals(An3155.NACK, client.sync(3), "a second 0x7F: synced already");
            BootloaderInfo info = client.get();
            assertEquals("3.1", info.versionText());
            assertEquals(Optional.of(EraseCommand.EXTENDED_ERASE), info.eraseCommand());
            assertTrue(info.hasChecksum());
            assertEquals(0x449, client.getId());
        }
    }

    @Test
    void writesReadsBackAndItsChecksumIsTheStm32Crc() throws IOException {
        byte[] block = new byte[256];
        new Random(1).nextBytes(block);
        try (BootloaderServer server = BootloaderServer.start(folder, true);
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Client client = new An3155Client(link);
            client.sync(3);
            client.erase(EraseCommand.EXTENDED_ERASE, new int[] {4}, ERASE_WAIT);
            client.write(APP, block, 0, block.length);
            byte[] back = new byte[256];
            client.read(APP, back, 0, back.length);
            assertArrayEquals(block, back);
            int crc = Stm32Crc.update(Stm32Crc.DEFAULT_INITIAL_VALUE, Stm32Crc.DEFAULT_POLYNOMIAL, block, 0, block.length);
            assertEquals(crc, client.checksum(APP, block.length));
            assertEquals(0, client.writeRetries());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EraseCommand.class, names = {"ERASE", "EXTENDED_ERASE"})
    void erasesPagesWithTheCommandTheBootloaderHasAndMassErases(EraseCommand erase) throws IOException {
        byte[] block = new byte[16];
        try (BootloaderServer server = BootloaderServer.start(folder, BootloaderConfig.of(0x449, erase));
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Client client = new An3155Client(link);
            client.sync(3);
            assertEquals(Optional.of(erase), client.get().eraseCommand());
            client.write(APP, block, 0, block.length); // zeros over erased flash
            client.erase(erase, new int[] {1, 4}, ERASE_WAIT);
            assertTrue(blank(server.read(APP, 16)), "page 4 erased");
            client.write(APP, block, 0, block.length);
            client.massErase(erase, ERASE_WAIT);
            assertTrue(blank(server.read(APP, 16)), "mass erased");
            assertEquals(1, server.massErases());
        }
    }

    @Test
    void sendsANackedBlockAgainAndItLands() throws IOException {
        byte[] block = new byte[256];
        Arrays.fill(block, (byte) 0x5A);
        try (BootloaderServer server = BootloaderServer.start(folder, false);
             SerialLink link = SerialLinks.open(server.url())) {
            server.nackWrites(APP, 2);
            An3155Client client = new An3155Client(link, 3);
            client.sync(3);
            client.write(APP, block, 0, block.length);
            assertEquals(2, client.writeRetries());
            assertArrayEquals(block, server.read(APP, 256));
        }
    }

    @Test
    void aBlockNackedEveryTimeFailsNamingItsAddress() throws IOException {
        byte[] block = new byte[64];
        try (BootloaderServer server = BootloaderServer.start(folder, false);
             SerialLink link = SerialLinks.open(server.url())) {
            server.nackWrites(APP + 256, 100);
            An3155Client client = new An3155Client(link, 3);
            client.sync(3);
            BootloaderException e = assertThrows(BootloaderException.class, () -> client.write(APP + 256, block, 0, block.length));
            assertEquals("the bootloader refused the block at 0x08020100 (64 bytes) 3 times (NACK); the flash there may be"
                    + " write-protected or worn", e.getMessage());
            assertFalse(e instanceof NoBootloaderAnswerException);
            assertEquals(0, client.getId() - 0x449, "still in step with the bootloader after the NACKs");
        }
    }

    @Tag("slow")
    @Test
    void aRunningFirmwaresConsoleTextIsNotTakenForTheBootloadersAck() throws Exception {
        try (ServerSocket console = new ServerSocket()) {
            console.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "socket://127.0.0.1:" + console.getLocalPort();
            try (SerialLink link = SerialLinks.open(url); Socket firmware = console.accept()) {
                Thread chatter = new Thread(() -> {
                    byte[] line = "I boot: ready (type help for commands)\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    try {
                        while (true) {
                            firmware.getOutputStream().write(line); // 'y' is 0x79, ACK
                            Thread.sleep(5);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the test closed the socket
                    }
                });
                chatter.setDaemon(true);
                chatter.start();
                NoBootloaderAnswerException e = assertThrows(NoBootloaderAnswerException.class, () -> new An3155Client(link).sync(3));
                assertTrue(e.getMessage().startsWith("no answer from bootloader on " + url), e.getMessage());
                chatter.interrupt();
                chatter.join(2_000);
            }
        }
    }

    @Tag("slow")
    @Test
    void aPortThatNeverAnswersIsNoBootloaderAfterThreeSyncs() throws IOException {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "socket://127.0.0.1:" + silent.getLocalPort();
            try (SerialLink link = SerialLinks.open(url); Socket accepted = silent.accept()) {
                NoBootloaderAnswerException e = assertThrows(NoBootloaderAnswerException.class, () -> new An3155Client(link).sync(3));
                assertEquals("no answer from bootloader on " + url + " after 3 syncs", e.getMessage());
                assertTrue(e.atSync());
                assertEquals(3, accepted.getInputStream().readNBytes(3).length, "three 0x7F were sent");
            }
        }
    }

    // ------------------------------------------------------------------ a noisy line (scripted board end)

    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void aWriteWhoseAnswerIsLostIsSentAgainFromItsStartAfterTheQuiet() throws Exception {
        FakeSerialLink[] ends = FakeSerialLink.pair("fake");
        byte[] block = new byte[8];
        Arrays.fill(block, (byte) 0x42);
        byte[][] landed = new byte[1][];
        Thread board = boardEnd(() -> {
            FakeSerialLink end = ends[1];
            assertArrayEquals(new byte[] {0x31, (byte) 0xCE}, take(end, 2), "the WRITE command");
            // swallowed: as when a dropped byte leaves the bootloader waiting; no answer at all
            assertArrayEquals(new byte[] {0x31, (byte) 0xCE}, take(end, 2), "the WRITE sent again from its start");
            ack(end);
            take(end, 5);
            ack(end);
            byte[] frame = take(end, 1 + block.length + 1);
            landed[0] = Arrays.copyOfRange(frame, 1, 1 + block.length);
            ack(end);
        });
        An3155Client client = new An3155Client(ends[0], 3, 5, QUIET);
        client.write(APP, block, 0, block.length);
        board.join(5_000);
        assertArrayEquals(block, landed[0]);
        assertEquals(1, client.writeRetries());
        assertEquals(1, client.lineRetries());
    }

    @Test
    void aGarbledAckIsNotTakenForAnAnswerTheChecksumIsAskedAgain() throws Exception {
        FakeSerialLink[] ends = FakeSerialLink.pair("fake");
        Thread board = boardEnd(() -> {
            FakeSerialLink end = ends[1];
            take(end, 2);
            end.write(new byte[] {(byte) (An3155.ACK ^ 0x08)}, 0, 1); // one bit flipped on the way
            take(end, 2); // the client stopped at the garbled answer; after the quiet, the command again
            ack(end);
            for (int frame = 0; frame < 4; frame++) {
                take(end, 5);
                ack(end);
            }
            end.write(new byte[] {0x12, 0x34, 0x56, 0x78, 0x12 ^ 0x34 ^ 0x56 ^ 0x78}, 0, 5);
        });
        An3155Client client = new An3155Client(ends[0], 3, 5, QUIET);
        assertEquals(0x12345678, client.checksum(APP, 256));
        board.join(5_000);
        assertEquals(1, client.lineRetries());
        assertEquals(0, client.writeRetries(), "no block was written");
    }

    @Test
    void aLineThatGarblesEveryAnswerFailsAfterFiveAttemptsNamingTheAddressAndTheLine() throws Exception {
        FakeSerialLink[] ends = FakeSerialLink.pair("fake");
        byte[] block = new byte[4];
        Thread board = boardEnd(() -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                take(ends[1], 2);
                ends[1].write(new byte[] {0x5A}, 0, 1);
            }
        });
        An3155Client client = new An3155Client(ends[0], 3, 5, QUIET);
        BootloaderException e = assertThrows(BootloaderException.class, () -> client.write(APP + 256, block, 0, block.length));
        board.join(5_000);
        assertFalse(e instanceof NoBootloaderAnswerException, "bytes came back: the line, not a missing board");
        assertEquals("WRITE_MEMORY at 0x08020100 failed 5 times (last: WRITE_MEMORY at 0x08020100: expected ACK (0x79), got"
                + " 0x5a (out of step with the bootloader; is something else using fake?)): the line to fake loses or corrupts"
                + " bytes: check the cable and the baud rate; 4 retries in all", e.getMessage());
        assertEquals(4, client.writeRetries());
    }

    @Tag("slow")
    @Test
    void aPortThatStopsAnsweringMidFlashIsNoBootloaderAnswer() throws Exception {
        FakeSerialLink[] ends = FakeSerialLink.pair("fake");
        An3155Client client = new An3155Client(ends[0], 3, 2, QUIET);
        NoBootloaderAnswerException e = assertThrows(NoBootloaderAnswerException.class, () -> client.read(APP, new byte[4], 0, 4));
        assertTrue(e.getMessage().startsWith("READ_MEMORY at 0x08020000: fake stopped answering (no byte back in 2 attempts"),
                e.getMessage());
    }

    private interface Script {
        void run() throws Exception;
    }

    private static Thread boardEnd(Script script) {
        Thread thread = new Thread(() -> {
            try {
                script.run();
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
            }
        }, "scripted-board");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Exactly {@code n} bytes from the host, within 5 s. */
    private static byte[] take(FakeSerialLink end, int n) throws IOException {
        byte[] bytes = new byte[n];
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int done = 0;
        while (done < n && System.nanoTime() < deadline) {
            done += end.read(bytes, done, n - done, Duration.ofMillis(100));
        }
        if (done < n) {
            throw new IOException("the host sent " + done + " of " + n + " bytes");
        }
        return bytes;
    }

    private static void ack(FakeSerialLink end) throws IOException {
        end.write(new byte[] {(byte) An3155.ACK}, 0, 1);
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
