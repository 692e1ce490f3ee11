package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/** The flash against the sim as a user meets it: a monitor holding its console, a downgrade it refuses. */
@Timeout(60)
class FlashAgainstTheSimTest {

    @TempDir
    Path folder;

    @Test
    void aDowngradeTheBoardRefusesAfterFlashingSaysWhatToDoNext() throws Exception {
        Path image = TestImages.write(folder, "app.bin", TestImages.signed(2048, 3, "1.2.3"));
        Path flash = folder.resolve("board.flash");
        Files.writeString(VirtualBoard.rollbackFileOf(flash), "last-booted=2.0.0+0\n");
        VirtualBoardOptions options = VirtualBoardOptions.of(flash, new McubootImageCheck())
                .boot0(true)
                .trustedKeys(List.of(TestImages.KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .flashTiming(TimingMode.ACCOUNTED);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            Tern run = Tern.run("flash", image, "--port", board.consoleUrl(), "--enter", "boot-pin-reset");

            assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
            assertTrue(run.err.contains("refused the image: boot: refused: version 1.2.3+0 is lower than 2.0.0+0, the last booted"
                    + " (downgrade prevention); staying in bootloader; the board stays in its bootloader until it is flashed with an"
                    + " image it accepts. It boots no version lower than the last it booted: sign the firmware with a higher"
                    + " --version and flash again, or on 'tern sim' make it forget the versions it booted: restart it with"
                    + " --reset-rollback"), run.err);
        }
    }

    @Tag("slow") // about 2 s or more
    @Test
    void aFlashWhileAMonitorHoldsTheSimsConsoleSaysWhoHoldsItAndWorksOnceItIsClosed() throws Exception {
        Path image = TestImages.write(folder, "app.bin", TestImages.signed(2048, 3));
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("board.flash"), new McubootImageCheck())
                .boot0(true)
                .flashTiming(TimingMode.ACCOUNTED);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            String port = board.consoleUrl();
            int tcpPort = Integer.parseInt(port.substring(port.lastIndexOf(':') + 1));
            Tern blocked;
            int monitorPort;
            try (Socket monitor = new Socket("127.0.0.1", tcpPort)) {
                monitorPort = monitor.getLocalPort();
                blocked = Tern.run("flash", image, "--port", port, "--enter", "boot-pin-reset", "--no-go");
            }
            Tern after = Tern.run("flash", image, "--port", port, "--enter", "boot-pin-reset", "--no-go");

            assertEquals(ExitCodes.UNREACHABLE, blocked.exitCode, blocked.toString());
            assertTrue(blocked.err.contains("after 3 syncs: the sim said: 'tern sim: console busy: 127.0.0.1:" + monitorPort
                    + " has it (a tern monitor?); this connection gets it when that one closes. To flash and then watch, close the"
                    + " monitor and use 'tern flash --monitor'.'"), blocked.err);
            assertEquals(ExitCodes.OK, after.exitCode, after.toString());
        }
    }
}
