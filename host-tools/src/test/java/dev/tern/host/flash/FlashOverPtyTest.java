package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;
import dev.tern.host.serial.SerialLinks;
import dev.tern.testsupport.PtyPair;

/**
 * {@code tern flash} over a pseudo-terminal, as over a USB adapter: the virtual board's console
 * on one end of a socat pair, tern on the other through jssc. The real firmware is flashed and
 * boots, an unchanged re-flash (entered through the running firmware's console command) skips its
 * pages, and a port another program holds is refused with exit 3 before anything is sent.
 */
@Timeout(120)
class FlashOverPtyTest {

    private static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final Duration BOOT = Duration.ofSeconds(15);

    @TempDir
    Path folder;

    @Tag("socat")
    @Test
    void flashesTheRealFirmwareOverAPseudoTerminalAndSkipsUnchangedPagesTheSecondTime() throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        Path image = signedFirmware(key);
        try (PtyPair pty = PtyPair.open();
             VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), key))) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "a blank board waits in its bootloader");
            String port = pty.b().toString();

            Tern first = Tern.run("flash", image, "--port", port, "--set", "log.trace=false");
            System.out.println("[flash pty] first:\n" + first.out + first.err);
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("on " + port + ": chip 0x449"), first.out);
            assertTrue(first.out.contains("board: boot: image " + FIRMWARE.imageVersion() + "+0 verified"), first.out);
            assertTrue(board.awaitMode(BoardMode.RUNNING, BOOT), "the flashed firmware runs");

            // --monitor keeps the port open from GO on: the secure-boot line right after GO is not lost
            Tern second = Tern.run("flash", image, "--port", port, "--set", "log.trace=false",
                    "--monitor", "--until", "boot: image 0\\.1\\.0\\+0 verified", "--timeout", "20s");
            System.out.println("[flash pty] unchanged, then monitored:\n" + second.out + second.err);
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertTrue(second.out.contains("pages skipped (unchanged)"), second.out);
            assertTrue(second.err.contains("monitor: watching " + port), second.err);
            assertTrue(second.out.contains("boot: image " + FIRMWARE.imageVersion() + "+0 verified"), second.out);
            assertTrue(board.awaitMode(BoardMode.RUNNING, BOOT), "and runs again");
            assertNull(board.failure(), "board failure");
        }
    }

    @Tag("socat")
    @Test
    void aPortHeldByAnotherProgramIsRefusedAsBusyWithExitCode3() throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        Path image = signedFirmware(key);
        try (PtyPair pty = PtyPair.open();
             SerialLink holder = SerialLinks.open(pty.b().toString())) {
            holder.configure(LineSettings.of8N1(115200));
            Tern busy = Tern.run("flash", image, "--port", pty.b());
            assertEquals(ExitCodes.UNREACHABLE, busy.exitCode, busy.toString());
            assertTrue(busy.err.contains(pty.b().toString()) && busy.err.contains("in use"), busy.err);
        }
    }

    @Tag("socat")
    @Test
    void aPortThatVanishesMidFlashEndsWithExitCode3AndTheBoardDoesNotBootTheHalfWrittenImage() throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        Path image = signedFirmware(key);
        VirtualBoardOptions options;
        try (PtyPair pty = PtyPair.open()) {
            options = boardOn(pty.a(), key).baudPacing(115_200);
            VirtualBoard board = VirtualBoard.start(options);
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, BOOT), "a blank board waits in its bootloader");
            // at 115200 baud the ~100 KB image takes seconds: pull the cable once writing is under way
            Thread unplug = new Thread(() -> {
                long deadline = System.nanoTime() + BOOT.toNanos();
                while (board.lineStats().toBoard() < 20_000 && System.nanoTime() - deadline < 0) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                pty.unplug();
            });
            unplug.start();
            Tern cut = Tern.run("flash", image, "--port", pty.b());
            unplug.join();
            System.out.println("[flash pty] cable pulled:\n" + cut.out + cut.err);
            assertEquals(ExitCodes.UNREACHABLE, cut.exitCode, cut.toString());
            assertTrue(cut.err.contains(pty.b().toString()) && cut.err.contains("vanished"), cut.err);

            board.close(); // its console went with the cable
        }
        // power the board up again on what was written before the cable went: secure boot checks it first
        try (VirtualBoard again = VirtualBoard.start(options.console(ConsoleEndpoint.socket("127.0.0.1", 0)))) {
            assertTrue(again.awaitMode(BoardMode.BOOTLOADER, BOOT), "secure boot refuses the half-written image");
            assertEquals(BoardMode.BOOTLOADER, again.mode(), "and it stays refused");
            assertNull(again.failure(), "board failure");
        }
    }

    @Test
    void untilAndTimeoutWithoutMonitorAreAUsageError() throws Exception {
        Path image = signedFirmware(ImageKey.generate(KeyType.ED25519));
        Tern run = Tern.run("flash", image, "--port", "socket://127.0.0.1:9", "--until", "boot");
        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("--until and --timeout watch the console: they need --monitor"), run.err);
    }

    private static VirtualBoardOptions boardOn(Path console, ImageKey key) throws Exception {
        return VirtualBoardOptions.of(Files.createTempDirectory("tern-flash-pty").resolve("flash.bin"), new McubootImageCheck())
                .console(ConsoleEndpoint.pty(console))
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .bootloaderGetChecksum(true)
                // today's SessionStore erases half the 2 MB session region per save: counted, not waited for
                // (timed for real, the running firmware would not answer 'bootloader' for a minute)
                .flashTiming(TimingMode.ACCOUNTED);
    }

    private Path signedFirmware(ImageKey key) throws Exception {
        return TestImages.write(folder, "firmware.bin", FIRMWARE.signed(key));
    }
}
