package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.TimingMode;
import dev.tern.testsupport.PtyPair;

/**
 * Espressif's esptool 5.3.1, unchanged, against the virtual ESP-WROVER-KIT in download mode
 * (GPIO0 held low) over a socat pty pair, the line paced to the baud rate esptool asks for: the
 * independent check that the sim's ROM loader and stub answer as the chip does. Each test checks
 * esptool's exit code and the flash file byte for byte. SKIPPED where esptool or socat is missing.
 */
@Tag("socat")
@Tag("esptool")
@Timeout(180)
class Esp32EsptoolTest {

    private static final BoardDefinition WROVER = new BoardLoader().load("esp-wrover-kit");
    private static final long APP = 0x10000;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0} {1} at {2} baud")
    @CsvSource({
        "stub, compress, 115200",
        "stub, no-compress, 115200",
        "no-stub, compress, 115200",
        "no-stub, no-compress, 115200",
        "stub, compress, 921600",
        "stub, no-compress, 921600",
        "no-stub, compress, 921600",
        "no-stub, no-compress, 921600",
    })
    void writeFlashStoresTheImageAndEsptoolVerifiesItsHash(final String stub, final String compress, final int baud)
            throws Exception {
        final Esptool esptool = Esptool.find(folder);
        final byte[] image = image(24 * 1024 + 100, baud);
        final Path file = folder.resolve("app.bin");
        write(file, image);
        final Path flash = folder.resolve("flash.bin");
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(flash, pty)) {
            final Esptool.Result result = esptool.run(args(pty, baud, "no-stub".equals(stub),
                    "write-flash", "--" + compress, "0x10000", file.toString()));
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("Hash of data verified."), result.output());
            assertNull(board.failure(), "the board failed");
        }
        final byte[] stored = Files.readAllBytes(flash);
        assertArrayEquals(image, Arrays.copyOfRange(stored, (int) APP, (int) APP + image.length));
        // the rest of the last sector was erased, the sector before untouched (still erased)
        final int end = (int) APP + image.length;
        assertTrue(allErased(stored, end, (end + 4095) / 4096 * 4096), "the sector's tail was erased");
        assertTrue(allErased(stored, (int) APP - 4096, (int) APP), "the sector before the image stayed erased");
    }

    @Test
    void flashIdAndChipIdNameTheEsp32AndItsFourMegabyteGigaDeviceFlash() throws Exception {
        final Esptool esptool = Esptool.find(folder);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(folder.resolve("flash.bin"), pty)) {
            final Esptool.Result flashId = esptool.run(args(pty, 115200, false, "flash-id"));
            assertEquals(0, flashId.exitCode(), flashId.output());
            assertTrue(flashId.output().contains("ESP32-D0WD-V3 (revision v3.0)"), flashId.output());
            assertTrue(flashId.output().contains("Stub flasher running."), flashId.output());
            assertTrue(flashId.output().contains("Manufacturer: c8"), flashId.output());
            assertTrue(flashId.output().contains("Device: 4016"), flashId.output());
            assertTrue(flashId.output().contains("Detected flash size: 4MB"), flashId.output());
            final Esptool.Result chipId = esptool.run(args(pty, 115200, true, "chip-id"));
            assertEquals(0, chipId.exitCode(), chipId.output());
            assertTrue(chipId.output().contains("24:0a:c4:00:00:01"), chipId.output());
            assertTrue(chipId.output().contains("Crystal frequency:  40MHz"), chipId.output());
            assertNull(board.failure(), "the board failed");
        }
    }

    @ParameterizedTest(name = "{0} at {1} baud")
    @CsvSource({"stub, 115200", "no-stub, 115200", "stub, 921600", "no-stub, 921600"})
    void readFlashReturnsTheFlashBytes(final String stub, final int baud) throws Exception {
        final Esptool esptool = Esptool.find(folder);
        final Path flash = folder.resolve("flash.bin");
        final byte[] content = image(8192 + 300, 7);
        preload(flash, 0x20000, content);
        final Path out = folder.resolve("read.bin");
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(flash, pty)) {
            final Esptool.Result result = esptool.run(args(pty, baud, "no-stub".equals(stub),
                    "read-flash", "0x20000", Integer.toString(content.length), out.toString()));
            assertEquals(0, result.exitCode(), result.output());
            assertNull(board.failure(), "the board failed");
        }
        assertArrayEquals(content, Files.readAllBytes(out));
    }

    @Test
    void verifyFlashPassesOnTheFlashedImageAndFailsOnAnotherAtEitherLoader() throws Exception {
        final Esptool esptool = Esptool.find(folder);
        final Path flash = folder.resolve("flash.bin");
        final byte[] content = image(12 * 1024, 11);
        preload(flash, APP, content);
        final Path same = folder.resolve("same.bin");
        write(same, content);
        final byte[] changed = content.clone();
        changed[5000] ^= 0x01;
        final Path other = folder.resolve("other.bin");
        write(other, changed);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(flash, pty)) {
            for (final boolean noStub : new boolean[] {false, true}) {
                final Esptool.Result ok = esptool.run(args(pty, 115200, noStub, "verify-flash", "0x10000", same.toString()));
                assertEquals(0, ok.exitCode(), ok.output());
                assertTrue(ok.output().contains("Verification successful (digest matched)."), ok.output());
                final Esptool.Result bad = esptool.run(args(pty, 115200, noStub, "verify-flash", "0x10000", other.toString()));
                assertNotEquals(0, bad.exitCode(), bad.output());
                assertTrue(bad.output().contains("Verification failed"), bad.output());
            }
            assertNull(board.failure(), "the board failed");
        }
    }

    @ParameterizedTest(name = "at {0} baud")
    @CsvSource({"115200", "921600"})
    void eraseRegionErasesThoseSectorsOnly(final int baud) throws Exception {
        final Esptool esptool = Esptool.find(folder);
        final Path flash = folder.resolve("flash.bin");
        final byte[] content = image(4 * 4096, 3);
        preload(flash, 0x30000, content);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(flash, pty)) {
            final Esptool.Result result = esptool.run(args(pty, baud, false, "erase-region", "0x31000", "0x2000"));
            assertEquals(0, result.exitCode(), result.output());
            assertNull(board.failure(), "the board failed");
        }
        final byte[] stored = Files.readAllBytes(flash);
        assertArrayEquals(Arrays.copyOfRange(content, 0, 4096), Arrays.copyOfRange(stored, 0x30000, 0x31000));
        assertTrue(allErased(stored, 0x31000, 0x33000), "0x31000..0x33000 erased");
        assertArrayEquals(Arrays.copyOfRange(content, 3 * 4096, 4 * 4096), Arrays.copyOfRange(stored, 0x33000, 0x34000));
    }

    @Test
    void anImageEsptoolWroteIntoTheAppSlotBootsOnceGpio0IsReleased() throws Exception {
        final Esptool esptool = Esptool.find(folder);
        final Path app = folder.resolve("firmware.bin");
        write(app, FakeImage.firmware("3.1.0"));
        final long slot = WROVER.appSlot().address();
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = start(folder.resolve("flash.bin"), pty)) {
            final Esptool.Result result = esptool.run(args(pty, 921600, false, "write-flash", "0x" + Long.toHexString(slot), app.toString()));
            assertEquals(0, result.exitCode(), result.output());
            assertEquals(BoardMode.BOOTLOADER, board.mode(), "still in download mode while GPIO0 is held low");
            board.boot0(false);
            board.reset();
            assertTrue(board.awaitMode(BoardMode.RUNNING, BoardFixture.LINE), "the flashed image runs; refused: " + board.lastRefusal());
            assertNull(board.failure(), "the board failed");
        }
    }

    @Test
    void aBoardNotInDownloadModeAnswersNoSyncAndEsptoolFailsToConnect() throws Exception {
        final Esptool esptool = Esptool.find(folder);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(VirtualBoardOptions.of(folder.resolve("flash.bin"),
                FakeImage.CHECK).board(WROVER).trustedKeys(List.of(FakeImage.KEY)).console(ConsoleEndpoint.pty(pty.b()))
                .baudPacing(WROVER.console().baud()).flashTiming(TimingMode.ACCOUNTED))) {
            // GPIO0 high and an empty app slot: secure boot refuses it and the chip halts
            assertTrue(board.awaitMode(BoardMode.HALTED, BoardFixture.LINE), "halted; mode " + board.mode());
            final Esptool.Result result = esptool.run(args(pty, 115200, false, "flash-id"));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("Failed to connect to ESP32: No serial data received."), result.output());
            assertNull(board.failure(), "the board failed");
        }
    }

    /** Writes {@code content} at {@code address} of a new flash file, as an earlier flash would have. */
    private static void preload(final Path flashFile, final long address, final byte[] content) throws Exception {
        try (FlashMemory memory = FlashMemory.open(flashFile, WROVER.flash().geometry())) {
            memory.program(address, content, 0, content.length);
        }
    }

    private static void write(final Path file, final byte[] bytes) throws Exception {
        Files.write(file, bytes);
    }

    private static byte[] image(final int length, final long seed) {
        // half random, half repeating text: compressible as real firmware is, and with C0 and DB bytes to escape
        final byte[] image = new byte[length];
        new Random(seed).nextBytes(image);
        final byte[] text = "tern esp32 sim \u00c0\u00db ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = length / 2; i < length; i++) {
            image[i] = text[i % text.length];
        }
        return image;
    }

    private VirtualBoard start(final Path flash, final PtyPair pty) throws Exception {
        return VirtualBoard.start(VirtualBoardOptions.of(flash, FakeImage.CHECK).board(WROVER).trustedKeys(List.of(FakeImage.KEY))
                .console(ConsoleEndpoint.pty(pty.b())).baudPacing(WROVER.console().baud()).boot0(true).flashTiming(TimingMode.REAL));
    }

    private static String[] args(final PtyPair pty, final int baud, final boolean noStub, final String... command) {
        final List<String> args = new ArrayList<>(List.of("--chip", "esp32", "--port", pty.a().toString(),
                "--baud", Integer.toString(baud), "--before", "no-reset", "--after", "no-reset"));
        if (noStub) {
            args.add("--no-stub");
        }
        args.addAll(Arrays.asList(command));
        return args.toArray(new String[0]);
    }

    private static boolean allErased(final byte[] bytes, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != (byte) FlashMemory.ERASED) {
                return false;
            }
        }
        return true;
    }
}
