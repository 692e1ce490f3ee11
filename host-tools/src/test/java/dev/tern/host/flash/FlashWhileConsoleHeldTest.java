package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/** A monitor holding the sim's console: the flash says so, and flashes once the monitor is gone. */
@Timeout(60)
class FlashWhileConsoleHeldTest {

    @TempDir
    Path folder;

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
                blocked = Tern.run("flash", image, "--port", port, "--enter", "none", "--no-go");
            }
            Tern after = Tern.run("flash", image, "--port", port, "--enter", "none", "--no-go");

            assertEquals(ExitCodes.UNREACHABLE, blocked.exitCode, blocked.toString());
            assertTrue(blocked.err.contains("after 3 syncs: the sim said: 'tern sim: console busy: 127.0.0.1:" + monitorPort
                    + " has it (a tern monitor?); this connection gets it when that one closes. To flash and then watch, close the"
                    + " monitor and use 'tern flash --monitor'.'"), blocked.err);
            assertEquals(ExitCodes.OK, after.exitCode, after.toString());
        }
    }
}
