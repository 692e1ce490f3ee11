package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.LineFaults;
import dev.tern.boards.virtual.LineStats;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.boards.virtual.esp32.EspRamUpload;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.HostContext;
import dev.tern.host.flash.esp.EspStub;
import dev.tern.host.serial.PortScanner;
import dev.tern.testsupport.PtyPair;

/**
 * {@code tern flash --board esp-wrover-kit} through esptool's own flasher stub (the shared esptool
 * 5.3.1's {@code targets/stub_flasher/2/esp32.json}) against the virtual ESP32 over a pty, its line
 * paced to the baud: the stub's RAM segments must arrive as the file has them, the image must be
 * written and verified; {@code --no-stub}, no stub found and a corrupt stub file; a noisy line.
 * Tests that need the shared esptool skip, saying why, when it is not there.
 */
@Timeout(120)
class EspStubFlashTest {

    private static final BoardDefinition WROVER = new BoardLoader().load("esp-wrover-kit");
    private static final long APP = WROVER.appSlot().address();
    private static final String STUB_IN_ESPTOOL = "shared/tools/esptool/esptool/targets/stub_flasher/2/esp32.json";

    @TempDir
    Path folder;

    @Test
    void at921600TheStubFileIsUploadedAsItIsTheImageWrittenAndVerifiedAndAnUnchangedReflashUploadsNothing() throws Exception {
        Path stubFile = sharedStub();
        byte[] signed = TestImages.signed(60 * 1024, 31);
        Path image = TestImages.write(folder, "app.bin", signed);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Object[] flash = {"flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--baud", "921600", "--stub", stubFile,
                "--no-go"};
            Tern first = Tern.run(flash);
            System.out.println("[esp stub] first:\n" + first.out + first.err);
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("flasher stub " + stubFile + " ("), first.out);
            assertTrue(first.out.contains(" running: 16 KB blocks at 921600 baud\n"), first.out);
            assertTrue(first.out.contains("verify ok (md5 of each transfer as it was written, "), first.out);
            assertUploaded(EspStub.load(stubFile), board.stubUpload());
            EspRamUpload firstUpload = board.stubUpload();

            Tern second = Tern.run(flash);
            System.out.println("[esp stub] unchanged:\n" + second.out + second.err);
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertFalse(second.out.contains(" running: "), "nothing to write: no stub uploaded\n" + second.out);
            assertTrue(firstUpload == board.stubUpload(), "no stub started on the unchanged re-flash");
            assertNull(board.failure(), "board failure");
        }
        assertImage(signed);
    }

    @Test
    void at115200TheStubWritesTheImageAndGoRunsItFromTheRomAfterTheStubRebooted() throws Exception {
        Path stubFile = sharedStub();
        // the real sensor firmware, so that the app GO starts runs (a random payload verifies, then cannot start,
        // and whether tern's 3 s boot watch sees that line first depends on the machine's load)
        byte[] signed = SensorFirmware.find().signed(TestImages.KEY);
        Path image = TestImages.write(folder, "app.bin", signed);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Tern run = Tern.run("flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--stub", stubFile, "--json");
            System.out.println("[esp stub 115200]\n" + run.out + run.err);
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.err.contains(" running: 16 KB blocks at 115200 baud\n"), run.err);
            assertTrue(run.out.contains("\"bytesWritten\":") && !run.out.contains("\"bytesWritten\":0,"), run.out);
            // the boot line may come after tern's 3 s watch on a loaded machine: the board's own state says the ROM left
            // download mode and booted the app slot, and secure boot refused nothing
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (board.mode() != BoardMode.RUNNING && board.mode() != BoardMode.HALTED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(BoardMode.RUNNING, board.mode(), "the firmware runs after GO; refusal: " + board.lastRefusal());
            assertNull(board.lastRefusal(), "secure boot refused nothing");
            assertUploaded(EspStub.load(stubFile), board.stubUpload());
            assertNull(board.failure(), "board failure");
        }
        assertImage(signed);
    }

    @Test
    void verifyReadGoesThroughTheStubsReadFlashAndEraseAllThroughItsEraseFlash() throws Exception {
        Path stubFile = sharedStub();
        byte[] signed = TestImages.signed(12 * 1024, 37);
        Path image = TestImages.write(folder, "app.bin", signed);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Tern run = Tern.run("flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--baud", "921600", "--stub", stubFile,
                    "--verify", "read", "--erase", "all", "--no-go");
            System.out.println("[esp stub verify read]\n" + run.out + run.err);
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains(" running: 16 KB blocks at 921600 baud\n"), run.out);
            assertTrue(run.out.contains("erase all (mass erase)"), run.out);
            assertTrue(run.out.contains("verify ok (read, "), run.out);
            assertNull(board.failure(), "board failure");
        }
        assertImage(signed);
    }

    @Test
    void noStubStaysWithTheRomLoader() throws Exception {
        sharedStub();
        byte[] signed = TestImages.signed(20 * 1024, 33);
        Path image = TestImages.write(folder, "app.bin", signed);
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Tern run = Tern.run("flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--baud", "921600", "--no-stub",
                    "--no-go");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("flasher stub: none (--no-stub)"), run.out);
            assertTrue(run.out.contains(": chip 0xF01D83, 921600 baud, FLASH_DEFL (deflate), SPI_FLASH_MD5\n"), run.out);
            assertNull(board.stubUpload(), "no stub uploaded");
        }
        assertImage(signed);
    }

    @Test
    void noStubFoundFlashesWithTheRomAndSaysHowToGetTheFasterPath() throws Exception {
        byte[] signed = TestImages.signed(20 * 1024, 34);
        Path image = TestImages.write(folder, "app.bin", signed);
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", folder.resolve("bin").toString());
        HostContext nothingInstalled = new HostContext(environment, folder, folder.resolve("home"), PortScanner.system());
        for (Path site : List.of(Path.of("/usr/lib/python3/dist-packages/esptool"), Path.of("/usr/local/lib"))) {
            Assumptions.assumeFalse(Files.exists(site.resolve("targets/stub_flasher")), "esptool is installed in " + site);
        }
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Tern run = Tern.runWith(commandLine -> ((FlashCommand) commandLine.getSubcommands().get("flash").getCommand()).serial.context
                    = nothingInstalled, "flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--no-go");
            System.out.println("[esp no stub found]\n" + run.out + run.err);
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("flasher stub: none found (looked in TERN_ESP_STUB, "), run.out);
            assertTrue(run.out.contains("give --stub FILE"), run.out);
            assertNull(board.stubUpload(), "no stub uploaded");
        }
        assertImage(signed);
    }

    @Test
    void aCorruptStubFileIsAUsageErrorNamingItAndTheBoardIsNotTouched() throws Exception {
        byte[] signed = TestImages.signed(8 * 1024, 35);
        Path image = TestImages.write(folder, "app.bin", signed);
        Path corrupt = folder.resolve("esp32.json");
        Files.writeString(corrupt, "{\"entry\": 1074433652, \"text\": \"not base64!\", \"text_start\": 1074429952}");
        try (PtyPair pty = PtyPair.open(); VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), null))) {
            Tern run = Tern.run("flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--stub", corrupt);
            assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
            assertTrue(run.err.contains(corrupt + " is not an esptool flasher stub for the ESP32: its 'text' is not base64"), run.err);
            assertEquals(0, board.lineStats().toBoard(), "nothing was sent to the board");
        }
    }

    @Test
    void aLineThatDropsBytesAt921600FallsBackWithTheStubRunningAndTheFlashVerifies() throws Exception {
        Path stubFile = sharedStub();
        byte[] signed = TestImages.signed(40 * 1024, 36);
        Path image = TestImages.write(folder, "app.bin", signed);
        LineStats stats;
        try (PtyPair pty = PtyPair.open();
             VirtualBoard board = VirtualBoard.start(boardOn(pty.a(), new LineFaults(0.002, 0, 921_600).atOrAbove(921_600)))) {
            Tern run = Tern.run("flash", image, "--port", pty.b(), "--board", "esp-wrover-kit", "--baud", "921600", "--stub", stubFile,
                    "--no-go");
            stats = board.lineStats();
            System.out.println("[esp stub fallback] " + stats + "\n" + run.out + run.err);
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains(" running: 16 KB blocks at "), run.out);
            assertTrue((run.out + run.err).contains("fell back to 460800"), run.toString());
            assertTrue(run.out.contains("verify ok (md5"), run.out);
            assertNotNull(board.stubUpload(), "the stub ran");
            assertNull(board.failure(), "board failure");
        }
        assertTrue(stats.toBoardDropped() + stats.toHostDropped() > 0, "the line dropped bytes: " + stats);
        assertImage(signed);
    }

    /** The segments the virtual ESP32 received are the stub file's text then data, and it jumped to the file's entry. */
    private static void assertUploaded(EspStub stub, EspRamUpload upload) {
        assertNotNull(upload, "a stub started on the board");
        List<EspRamUpload.Segment> segments = new ArrayList<>(upload.segments());
        assertEquals(2, segments.size(), "text and data");
        assertEquals(stub.textStart(), segments.get(0).address());
        assertArrayEquals(stub.text(), segments.get(0).bytes(), "the stub's text as the file has it");
        assertEquals(stub.dataStart(), segments.get(1).address());
        assertArrayEquals(stub.data(), segments.get(1).bytes(), "the stub's data as the file has it");
        assertEquals(stub.entry(), upload.entry());
    }

    private void assertImage(byte[] signed) throws IOException {
        byte[] stored = Files.readAllBytes(folder.resolve("flash.bin"));
        assertArrayEquals(signed, Arrays.copyOfRange(stored, (int) APP, (int) APP + signed.length), "the image is in the app slot");
    }

    private VirtualBoardOptions boardOn(Path console, LineFaults faults) {
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck()).board(WROVER)
                .console(ConsoleEndpoint.pty(console))
                .trustedKeys(List.of(TestImages.KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .boot0(true).flashTiming(TimingMode.ACCOUNTED).baudPacing(WROVER.console().baud());
        return faults == null ? options : options.faults(faults);
    }

    /** The shared esptool's stub, found as the boards' tests find esptool (walking up from the module), or the test skips. */
    static Path sharedStub() {
        Path dir = Path.of("").toAbsolutePath().getParent();
        while (dir != null && !Files.isRegularFile(dir.resolve(STUB_IN_ESPTOOL))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "esptool's stub is not at ../" + STUB_IN_ESPTOOL + " beside the repository (nor above"
                + " it): these tests need Espressif's esptool 5.3.1 there");
        return dir.resolve(STUB_IN_ESPTOOL);
    }
}
