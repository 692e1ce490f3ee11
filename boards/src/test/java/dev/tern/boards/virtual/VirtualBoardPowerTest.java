package dev.tern.boards.virtual;

import static dev.tern.boards.virtual.BoardFixture.APP;
import static dev.tern.boards.virtual.BoardFixture.APP_SECTOR;
import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.options;
import static dev.tern.boards.virtual.BoardFixture.preload;
import static dev.tern.boards.virtual.BoardFixture.startConnected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.virtual.BoardFixture.Started;

/** Power cuts at a chosen flash byte and at any instant; power-on boots from the flash file. */
@Timeout(60)
class VirtualBoardPowerTest {

    private static final long FLASH_BASE = 0x0800_0000L;
    /** The virtual board's session region (at the start of its QSPI dataFlash) and its subsector size. */
    private static final long SESSION = 0x9000_0000L;
    private static final long DATA_FLASH_BASE = 0x9000_0000L;
    private static final int SESSION_PAGE = 4 * 1024;

    @TempDir
    Path folder;

    @Test
    void powerCutDuringABootloaderWriteLeavesAPartlyProgrammedPageAndTheHalfImageIsRefused() throws Exception {
        final byte[] image = FakeImage.firmware("1.0.0");
        final int cutAt = 1000;
        try (Started started = startConnected(options(folder).boot0(true))) {
            final An3155Host host = new An3155Host(started.link(), Duration.ofMillis(500));
            assertEquals(An3155.ACK, host.sync());
            host.extendedErase(APP_SECTOR);
            started.board().cutPowerAfterFlashBytes(cutAt);
            assertThrows(IOException.class, () -> host.write(APP, image), "the write that met the cut is never acknowledged");
            assertTrue(started.board().awaitMode(BoardMode.OFF, LINE));
            assertFalse(started.board().isPowered());

            final byte[] slot = Arrays.copyOfRange(Files.readAllBytes(started.board().flashFile()),
                    (int) (APP - FLASH_BASE), (int) (APP - FLASH_BASE) + image.length);
            assertArrayEquals(Arrays.copyOf(image, cutAt), Arrays.copyOf(slot, cutAt), "what was programmed before the cut");
            assertEquals((image[cutAt] | 0x0F) & 0xFF, slot[cutAt] & 0xFF, "the byte at the cut: only its upper bits programmed");
            final byte[] rest = Arrays.copyOfRange(slot, cutAt + 1, slot.length);
            final byte[] erased = new byte[rest.length];
            Arrays.fill(erased, (byte) 0xFF);
            assertArrayEquals(erased, rest, "nothing after the cut");

            started.board().boot0(false);
            started.board().powerOn();
            started.link().awaitText("boot: refused: SHA-256 does not match: the image is damaged or partly written;"
                    + " staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
            assertNull(started.board().failure());
        }
    }

    @Test
    void powerCutDuringASessionSaveStopsTheFirmwareAtTheCutAndPowerOnBootsAgain() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            // the save erases session page 1 (4 KB), then programs 1000 zero bytes: cut after 100 of them
            started.board().cutPowerAfterFlashBytes(SESSION_PAGE + 100);
            started.link().sendLine("save 1000");
            assertTrue(started.board().awaitMode(BoardMode.OFF, LINE));

            final byte[] flash = Files.readAllBytes(started.board().flashFileOf(started.board().flashWear().get(1).device()));
            final int page1 = (int) (SESSION - DATA_FLASH_BASE) + SESSION_PAGE;
            assertArrayEquals(new byte[100], Arrays.copyOfRange(flash, page1, page1 + 100));
            assertEquals(0x0F, flash[page1 + 100] & 0xFF, "half-programmed byte at the cut");
            assertEquals(0xFF, flash[page1 + 101] & 0xFF);

            started.board().powerOn();
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            assertFalse(started.link().transcript().contains("saved"), "the firmware did not run on after the cut");
            assertNull(started.board().failure());
        }
    }

    @Test
    void cutPowerAtAnyInstantStopsTheFirmwareAndPowerOnBootsFromTheFlashFile() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.board().cutPower();
            assertEquals(BoardMode.OFF, started.board().mode(), "cutPower returns once the board thread stopped");
            started.link().sendLine("ping");
            Thread.sleep(200); // let the line take the bytes while the board is off (not a timing assertion)
            started.board().cutPower(); // no power: nothing to do
            started.board().powerOn();
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("ping");
            started.link().awaitText("pong\r\n", LINE);
            assertEquals(1, countOf(started.link().transcript(), "pong"), "what was sent while off was lost");
            assertThrows(IllegalStateException.class, () -> started.board().powerOn());
            assertNull(started.board().failure());
        }
    }

    @Test
    void cutPowerWhileTheBootloaderServesThenBootsTheImageItWrote() throws Exception {
        try (Started started = startConnected(options(folder).boot0(true))) {
            final An3155Host host = new An3155Host(started.link());
            assertEquals(An3155.ACK, host.sync());
            host.extendedErase(APP_SECTOR);
            host.write(APP, FakeImage.firmware("1.2.0"));
            started.board().cutPower();
            started.board().boot0(false);
            started.board().powerOn();
            started.link().awaitText("test firmware 1.2.0 on virtual\r\n", LINE);
        }
    }

    private static int countOf(final String text, final String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
