package dev.tern.boards.virtual;

import static dev.tern.boards.virtual.BoardFixture.APP_SECTOR;
import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.options;
import static dev.tern.boards.virtual.BoardFixture.preload;
import static dev.tern.boards.virtual.BoardFixture.startConnected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashClock;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.BoardFixture.Started;

/** The virtual board's flash behaves like its parts: time charged per device, erases counted and kept, stalls, cuts inside them. */
@Timeout(60)
class VirtualBoardFlashTest {

    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    private static final int SUBSECTOR = 4096;

    @TempDir
    Path folder;

    @Test
    void theRomBootloadersErasesAreCountedKeptAndReported() throws Exception {
        try (Started started = startConnected(options(folder).boot0(true))) {
            final An3155Host host = new An3155Host(started.link());
            assertEquals(An3155.ACK, host.sync());
            host.extendedErase(APP_SECTOR);
            host.extendedErase(APP_SECTOR);
            final DeviceWear main = started.board().flashWear().get(0);
            assertEquals("flash", main.device().name());
            assertEquals(2, main.erases()[APP_SECTOR]);
            // 128 KB sector: 550 ms typical, charged but not waited for (accounted)
            assertEquals(new FlashClock.Stats(2 * 550_000_000L, 2, 550_000_000L), main.busy());
            started.board().cutPower();
            started.board().powerOn();
            assertEquals(2, started.board().flashWear().get(0).erases()[APP_SECTOR], "counts live in the wear file");
        }
        try (Started again = startConnected(options(folder).boot0(true))) {
            final List<String> report = WearReport.lines(VIRTUAL, again.board().flashWear());
            assertEquals("wear: flash (internal, 4 x 32K + 1 x 128K + 3 x 256K, endurance 10000 cycles): busy 0.000 s in 0 operations,"
                    + " longest stall 0.000 ms", report.get(0));
            assertTrue(report.contains("wear:   app [0x8020000, +896K) 4 units: 2 erases, 1 units erased, most worn 2 = 0.020% of"
                    + " endurance; erases per unit: 0:2"), String.join("\n", report));
            assertTrue(report.contains("wear:   session [0x90000000, +4M) 1024 units: 0 erases"), String.join("\n", report));
            assertTrue(Files.exists(folder.resolve("flash.bin.wear")));
            assertTrue(Files.exists(folder.resolve("flash.bin.dataFlash.wear")));
        }
    }

    @Test
    void aSessionEraseStallsTheBoardAndACutInsideItLeavesThePagePartlyErased() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder).flashTiming(TimingMode.REAL).flashTimes(TimeFigure.MAX))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("save " + SUBSECTOR); // page 1 of the session: erased, then all zero
            started.link().awaitText("saved " + SUBSECTOR + " result 0\r\n", LINE);
            final DeviceWear data = started.board().flashWear().get(1);
            assertEquals("dataFlash", data.device().name());
            assertEquals(800_000_000L, data.busy().longestStallNanos(), "a 4 KB subsector at its 800 ms maximum");

            started.link().sendLine("save " + SUBSECTOR); // erases page 1 again: 800 ms the board thread waits
            while (!boardThreadStalled()) {
                Thread.onSpinWait();
            }
            assertFalse(started.link().transcript().contains("saved " + SUBSECTOR + " result 0\r\nsaved"),
                    "the firmware waits inside the erase");
            started.board().cutPower();
            assertEquals(BoardMode.OFF, started.board().mode());

            final byte[] stored = Files.readAllBytes(started.board().flashFileOf(data.device()));
            final byte[] page1 = Arrays.copyOfRange(stored, SUBSECTOR, 2 * SUBSECTOR);
            int erased = 0;
            while (erased < page1.length && page1[erased] == (byte) 0xFF) {
                erased++;
            }
            assertTrue(erased < page1.length, "the cut came before the erase ended");
            assertEquals(0xF0, page1[erased] & 0xFF, "the byte at the cut: its upper bits erased");
            for (int i = erased + 1; i < page1.length; i++) {
                assertEquals(0, page1[i], "not reached by the erase: still programmed at " + i);
            }
            assertTrue(started.board().flashWear().get(1).busy().busyNanos() < 2 * 800_000_000L + 800_000_000L,
                    "only the part of the erase before the cut was charged");
            assertNull(started.board().failure());
        }
    }

    @Test
    void aWornSessionUnitIsAHardwareErrorForTheFirmware() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        // session unit 1 of the QSPI erased 200,000 times: twice its endurance, so every operation on it fails
        final ByteBuffer wear = ByteBuffer.allocate(4 * 4096);
        wear.putInt(4 * 1, 200_000);
        Files.write(folder.resolve("flash.bin.dataFlash.wear"), wear.array());
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("save 16");
            started.link().awaitText("saved 16 result -2\r\n", LINE); // NonVolatileStorage.HARDWARE_ERROR
            assertEquals(200_001, started.board().flashWear().get(1).erases()[1], "the failed erase counts too");
            assertNull(started.board().failure());
        }
    }

    /** The virtual board's thread is sleeping out a flash operation. */
    private static boolean boardThreadStalled() {
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if ("tern-virtual-board".equals(thread.getName()) && thread.getState() == Thread.State.TIMED_WAITING) {
                for (final StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getClassName().equals(FlashClock.class.getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
