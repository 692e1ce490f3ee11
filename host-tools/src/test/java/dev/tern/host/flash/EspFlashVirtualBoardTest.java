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

import dev.tern.app.ConfigPage;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/** {@code tern flash --board esp-wrover-kit} end to end against the virtual ESP32's ROM loader (GPIO0 low: download mode). */
@Timeout(120)
class EspFlashVirtualBoardTest {

    private static final BoardDefinition WROVER = new BoardLoader().load("esp-wrover-kit");
    private static final long APP = 0x2A0000L;
    private static final long CONFIG = 0x10000L;

    @TempDir
    Path folder;

    @Test
    void writesAndVerifiesTheImageAndConfigPageAt921600ThenAnUnchangedReflashSkipsByMd5() throws IOException {
        byte[] signed = TestImages.signed(60 * 1024, 13);
        Path image = TestImages.write(folder, "app.bin", signed);
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck()).board(WROVER)
                .trustedKeys(List.of(TestImages.KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .boot0(true).flashTiming(TimingMode.ACCOUNTED);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            Object[] flash = {"flash", image, "--port", board.consoleUrl(), "--board", "esp-wrover-kit", "--baud", "921600",
                "--set", "sensor.temperature.qos=2", "--no-go"};
            Tern first = Tern.run(flash);
            System.out.println("[esp flash e2e] first:\n" + first.out + first.err);
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("bootloader ESP32 ROM on " + board.consoleUrl()
                    + ": chip 0xF01D83, 921600 baud, FLASH_DEFL (deflate), SPI_FLASH_MD5\n"), first.out);
            assertTrue(first.out.contains("verify ok (md5 of each transfer as it was written, "), first.out);

            Tern second = Tern.run(flash);
            System.out.println("[esp flash e2e] unchanged:\n" + second.out + second.err);
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertTrue(second.out.contains("0 pages erased, "), second.out);
            assertNull(board.failure(), "board failure");
        }
        byte[] stored = Files.readAllBytes(folder.resolve("flash.bin"));
        assertArrayEquals(signed, Arrays.copyOfRange(stored, (int) APP, (int) APP + signed.length), "the image is in the app slot");
        byte[] page = ConfigPage.encodePage("sensor.temperature.qos=2\n", 4096);
        assertArrayEquals(page, Arrays.copyOfRange(stored, (int) CONFIG, (int) CONFIG + page.length), "the config page");
    }
}
