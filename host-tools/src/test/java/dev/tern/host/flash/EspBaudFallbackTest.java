package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.LineFaults;
import dev.tern.boards.virtual.LineStats;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/**
 * A line that loses bytes at 921600 but not below: {@code tern flash --baud 921600} against the
 * virtual ESP32, its console paced to the baud rate and dropping 1 byte in 500 (both ways) from
 * 921600 on ({@link LineFaults#atOrAbove}). A 1 KB block then rarely arrives whole, the short
 * commands mostly do: tern falls back to 460800, says so, and the flash completes and verifies.
 */
@Timeout(90)
class EspBaudFallbackTest {

    private static final BoardDefinition WROVER = new BoardLoader().load("esp-wrover-kit");
    private static final long APP = WROVER.appSlot().address();

    @TempDir
    Path folder;

    @Test
    void aLineThatDropsBytesAt921600FallsBackTo460800SaysSoAndTheFlashVerifies() throws IOException {
        byte[] signed = TestImages.signed(40 * 1024, 21);
        Path image = TestImages.write(folder, "app.bin", signed);
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck()).board(WROVER)
                .trustedKeys(List.of(TestImages.KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .boot0(true).flashTiming(TimingMode.ACCOUNTED).baudPacing(WROVER.console().baud())
                .faults(new LineFaults(0.002, 0, 921_600).atOrAbove(921_600));
        LineStats stats;
        try (VirtualBoard board = VirtualBoard.start(options)) {
            Tern flash = Tern.run("flash", image, "--port", board.consoleUrl(), "--board", "esp-wrover-kit", "--baud", "921600",
                    "--no-go");
            stats = board.lineStats();
            System.out.println("[esp baud fallback] " + stats + "\n" + flash.out + flash.err);
            assertEquals(ExitCodes.OK, flash.exitCode, flash.toString());
            assertTrue((flash.out + flash.err).contains("lost bytes at 921600 baud: fell back to 460800"), flash.toString());
            assertTrue(flash.out.contains("verify ok (md5"), flash.out);
            assertNull(board.failure(), "board failure");
        }
        assertTrue(stats.toBoardDropped() + stats.toHostDropped() > 0, "the line dropped bytes: " + stats);
        byte[] stored = Files.readAllBytes(folder.resolve("flash.bin"));
        assertArrayEquals(signed, Arrays.copyOfRange(stored, (int) APP, (int) APP + signed.length), "the image is in the app slot");
    }
}
