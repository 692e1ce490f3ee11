package dev.tern.host.flash.an3155;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.serial.SerialLink;
import dev.tern.host.serial.SerialLinks;

/** The flash steps' questions in AN3155 commands, against the virtual board's bootloader on a socket. */
@Timeout(30)
class An3155SessionTest {

    private static final long APP = 0x0802_0000L;
    private static final Duration ERASE_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void identifiesByGetAndGetIdWithTheCrcAsItsDigest() throws IOException {
        try (BootloaderServer server = BootloaderServer.start(folder, true);
             SerialLink link = SerialLinks.open(server.url())) {
            BootloaderIdentity identity = new An3155Session(new An3155Client(link)).identify();
            assertEquals(new BootloaderIdentity("3.1", "GET_ID", 0x449, "erase 0x44, GET_CHECKSUM yes", 256, Optional.of("CRC"),
                    "GET_CHECKSUM"), identity);
        }
    }

    @Test
    void aBootloaderWithoutGetChecksumHasNoDigestAndErasesWithTheCommandItLists() throws IOException {
        try (BootloaderServer server = BootloaderServer.start(folder, BootloaderConfig.of(0x449, EraseCommand.ERASE));
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Session session = new An3155Session(new An3155Client(link));
            BootloaderIdentity identity = session.identify();
            assertEquals(Optional.empty(), identity.digest());
            assertEquals("erase 0x43, GET_CHECKSUM no", identity.details());
            byte[] block = new byte[16];
            session.write(APP, block, 0, block.length);
            session.erase(new int[] {4}, ERASE_WAIT);
            byte[] erased = new byte[16];
            Arrays.fill(erased, (byte) 0xFF);
            assertArrayEquals(erased, server.read(APP, 16), "page 4 erased with ERASE 0x43");
        }
    }

    @Test
    void theChipsDigestOfWrittenBytesIsTheOneComputedHere() throws IOException {
        byte[] block = new byte[256];
        Arrays.fill(block, (byte) 0x3C);
        try (BootloaderServer server = BootloaderServer.start(folder, true);
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Session session = new An3155Session(new An3155Client(link));
            session.identify();
            String blank = session.digest(APP, block.length);
            session.write(APP, block, 0, block.length);
            assertEquals(session.expectedDigest(block), session.digest(APP, block.length));
            assertNotEquals(blank, session.digest(APP, block.length));
        }
    }

    @Test
    void anEraseBeforeIdentifyIsMisuse() throws IOException {
        try (BootloaderServer server = BootloaderServer.start(folder, true);
             SerialLink link = SerialLinks.open(server.url())) {
            An3155Session session = new An3155Session(new An3155Client(link));
            assertThrows(IllegalStateException.class, () -> session.erase(new int[] {4}, ERASE_WAIT));
        }
    }
}
