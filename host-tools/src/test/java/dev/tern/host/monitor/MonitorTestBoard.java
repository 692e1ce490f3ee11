package dev.tern.host.monitor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;

/**
 * The real sensor firmware on a virtual board for the monitor's end-to-end tests: the firmware
 * signed with a fresh key, in the app slot with a config page, and a board started in its silent
 * ROM bootloader (BOOT0 high) so a monitor can connect before it boots.
 */
final class MonitorTestBoard {

    static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);

    private MonitorTestBoard() {
    }

    /** A flash file holding the signed firmware and a config page pointing at a broker that is not there. */
    static Path provision(Path folder) throws Exception {
        Path flashFile = folder.resolve("flash.bin");
        ProvisionedFlash.write(new BoardLoader().load("virtual"), flashFile, FIRMWARE.signed(KEY),
                "broker.host=127.0.0.1\nbroker.port=" + freePort() + "\n");
        return flashFile;
    }

    /** A board on {@code 127.0.0.1:consolePort} (0: any free port), waiting in its ROM bootloader. */
    static VirtualBoard startInBootloader(Path flashFile, int consolePort) throws IOException {
        return VirtualBoard.start(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .console(ConsoleEndpoint.socket("127.0.0.1", consolePort))
                .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .boot0(true)
                // today's SessionStore erases half the 2 MB session region per save: counted, not waited for
                .flashTiming(TimingMode.ACCOUNTED));
    }

    /** BOOT0 low and reset: the boot stage checks the image and runs the firmware. */
    static void boot(VirtualBoard board) {
        board.boot0(false);
        board.reset();
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
