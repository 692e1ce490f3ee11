package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.LineFaults;
import dev.tern.boards.virtual.LineStats;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/**
 * {@code tern flash} of the real firmware (signed with a fresh key the board alone trusts) over
 * the virtual board's console socket while the line drops and flips bytes in both directions at a
 * set rate, with fixed seeds. At a low rate the flash completes through retries, verifies, and the
 * board boots the image; at a high rate it fails with exit 1 and a message that names the line,
 * and a fresh board on the same flash (clean line) stays in its bootloader: secure boot refuses
 * whatever half-written image is there, and never runs it.
 *
 * <p>The bootloader here drops a half-received command after 200 ms of silence, and the flash
 * waits 300 ms ({@code --retry-wait}) before sending a command again, so a retry costs about
 * 1.3 s (the 1 s answer wait, then the quiet) rather than the 3.2 s of the defaults.
 */
@Tag("slow")
@Timeout(120)
class FlashOverNoisyLineTest {

    private static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final Duration BOOT = Duration.ofSeconds(15);
    private static final Duration BOARD_INTER_BYTE = Duration.ofMillis(200);
    private static final String RETRY_WAIT = "300ms";
    /** About 1 byte in 33,000 dropped and as many flipped: a few faults over the image's ~110 K bytes. */
    private static final double LOW_RATE = 3e-5;
    /** About 1 byte in 300 dropped and as many flipped: a 263-byte WRITE frame gets through about 1 time in 5. */
    private static final double HIGH_RATE = 3e-3;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7})
    void atALowRateTheFlashCompletesThroughRetriesVerifiesAndTheBoardBootsTheImage(long seed) throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        Path image = signedFirmware(key);
        int pages = TestImages.appPages((int) Files.size(image));
        LineFaults faults = new LineFaults(LOW_RATE, LOW_RATE, seed);
        try (VirtualBoard board = VirtualBoard.start(options(folder.resolve("flash.bin"), key, faults))) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "a blank board waits in its bootloader");

            Tern run = Tern.run("flash", image, "--port", board.consoleUrl(), "--retry-wait", RETRY_WAIT);
            LineStats stats = board.lineStats();
            System.out.println("[flash noisy " + seed + "] " + stats + "\n" + run.out + run.err);
            long faulted = stats.toBoardDropped() + stats.toBoardFlipped() + stats.toHostDropped() + stats.toHostFlipped();
            assertTrue(faulted > 0, "the line did drop or flip bytes (else this test ran on a clean line): " + stats);

            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("verify ok (crc, " + TestImages.pages(pages) + ")"), run.out);
            assertTrue(run.out.contains("board: boot: image " + FIRMWARE.imageVersion() + "+0 verified"), run.out);
            assertTrue(board.awaitMode(BoardMode.RUNNING, BOOT), "the image flashed over the noisy line runs");
            assertNull(board.failure(), "board failure");
        }
    }

    @Test
    void atAHighRateTheFlashFailsNamingTheLineAndTheBoardNeverBootsWhatIsThere() throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        Path image = signedFirmware(key);
        Path flash = folder.resolve("flash.bin");
        LineFaults faults = new LineFaults(HIGH_RATE, HIGH_RATE, 3);
        Tern run;
        try (VirtualBoard board = VirtualBoard.start(options(flash, key, faults))) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "a blank board waits in its bootloader");
            run = Tern.run("flash", image, "--port", board.consoleUrl(), "--retry-wait", RETRY_WAIT);
            System.out.println("[flash noisy high] " + board.lineStats() + "\n" + run.out + run.err);
            assertNotEquals(BoardMode.RUNNING, board.mode(), "the board did not start anything");
        }
        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.contains(" times (last: "), run.err);
        assertTrue(run.err.contains("the line to " + "socket://127.0.0.1:"), run.err);
        assertTrue(run.err.contains(" loses or corrupts bytes: check the cable and the baud rate; "), run.err);
        assertTrue(run.out.contains("erase 0x08020000"), "the flash got as far as erasing the app slot: " + run.out);
        assertTrue(!run.out.contains("verify ok"), run.out);

        // the same flash on a clean line: whatever half or corrupt image is there, secure boot refuses it
        VirtualBoardOptions clean = options(flash, key, LineFaults.NONE).console(ConsoleEndpoint.socket("127.0.0.1", 0));
        try (VirtualBoard board = VirtualBoard.start(clean)) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "the board stays in its bootloader: " + board.mode());
            assertNotEquals(BoardMode.RUNNING, board.mode());
            assertNull(board.failure(), "board failure");
        }
    }

    private static VirtualBoardOptions options(Path flash, ImageKey key, LineFaults faults) {
        return VirtualBoardOptions.of(flash, new McubootImageCheck())
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .bootloaderGetChecksum(true)
                .bootloaderInterByteTimeout(BOARD_INTER_BYTE)
                .faults(faults);
    }

    private Path signedFirmware(ImageKey key) throws Exception {
        return TestImages.write(folder, "firmware.bin", FIRMWARE.signed(key));
    }
}
