package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Main;
import dev.tern.testsupport.ForkedJvm;

/**
 * Ctrl-C in the middle of a flash, as a user does it: the real main in a child JVM, flashing a
 * virtual board over a line paced to 115200 baud, stopped by a signal once the app slot is being
 * erased (SIGTERM, which runs the shutdown hooks as SIGINT does; a child of a background job may
 * have SIGINT ignored). It must say that the board now holds a partial image and what to do.
 */
@Tag("slow")
@Timeout(120)
class FlashStopSignalTest {

    @TempDir
    Path folder;

    @Test
    void aStopSignalMidFlashSaysTheBoardHoldsAPartialImageAndWhatToDo() throws Exception {
        Path image = TestImages.write(folder, "app.bin", TestImages.signed(120 * 1024, 11));
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck())
                .trustedKeys(List.of(TestImages.KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .baudPacing(115_200);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, Duration.ofSeconds(10)), "a blank board waits in its bootloader");
            Process flash = ForkedJvm.start(Main.class,
                    List.of("flash", image.toString(), "--port", board.consoleUrl(), "--board", "virtual", "--enter", "boot-pin-reset"));
            StringBuilder seen = new StringBuilder();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(flash.getInputStream(), StandardCharsets.UTF_8))) {
                String line = output.readLine();
                while (line != null && !line.startsWith("erase 0x08020000")) {
                    seen.append(line).append('\n');
                    line = output.readLine();
                }
                assertTrue(line != null, "the flash got as far as erasing the app slot: " + seen);
                seen.append(line).append('\n');

                flash.toHandle().destroy(); // SIGTERM; Process#destroy would also close the output we read

                for (line = output.readLine(); line != null; line = output.readLine()) {
                    seen.append(line).append('\n');
                }
                assertTrue(flash.waitFor(30, TimeUnit.SECONDS), "the flash ended: " + seen);
            } finally {
                flash.destroyForcibly();
            }
            assertTrue(seen.toString().contains("now holds a partial image"), seen.toString());
            assertTrue(seen.toString().contains("Run the same 'tern flash' again"), seen.toString());
            assertTrue(!seen.toString().contains("verify ok"), "stopped before the verify: " + seen);
        }
    }
}
