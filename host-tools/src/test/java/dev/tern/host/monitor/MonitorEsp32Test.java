package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.cli.ExitCodes;

/**
 * {@code tern monitor --board esp-wrover-kit} on the virtual ESP32 running the real sensor
 * firmware: its ROM's banner at each reset (download mode, then boot from flash), the app's lines
 * after it, the banner again after EN is pressed, as ROM boot lines that {@code --filter rom} picks.
 */
@Timeout(60)
class MonitorEsp32Test {

    private static final BoardDefinition ESP32 = new BoardLoader().load("esp-wrover-kit");
    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final String FROM_FLASH = "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)";
    private static final String READY = "boot: ready (type help for commands)";

    @TempDir
    Path folder;

    /** The virtual ESP32 with the signed sensor firmware in its app slot, GPIO0 low: its ROM waits in download mode. */
    private VirtualBoard startInDownloadMode() throws Exception {
        Path flash = folder.resolve("esp32.flash");
        ProvisionedFlash.write(ESP32, flash, MonitorTestBoard.FIRMWARE.signed(KEY),
                "broker.host=127.0.0.1\nbroker.port=" + MonitorTestBoard.freePort() + "\n");
        return VirtualBoard.start(VirtualBoardOptions.of(flash, new McubootImageCheck()).board(ESP32)
                .console(ConsoleEndpoint.socket("127.0.0.1", 0))
                .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .boot0(true)
                .flashTiming(TimingMode.ACCOUNTED));
    }

    @Test
    void showsTheRomBannerThenTheAppAndTheBannerAgainAfterEachReset() throws Exception {
        try (VirtualBoard board = startInDownloadMode();
                MonitorRun run = MonitorRun.startOn(Map.of(), true, "--port", board.consoleUrl(), "--board", "esp-wrover-kit",
                        "--color", "always", "--timeout", "40s")) {
            run.awaitErr("monitor: watching " + board.consoleUrl());
            board.reset(); // GPIO0 still low: the ROM says it waits for a download
            run.awaitOut("waiting for download");

            MonitorTestBoard.boot(board); // GPIO0 released, EN pressed
            run.awaitOut(READY);
            int firstReady = run.out().indexOf(READY);
            board.reset(); // EN pressed again
            Await.until(() -> run.out().indexOf(READY, firstReady + READY.length()) > 0, MonitorRun.WAIT, run::toString);

            String out = run.out();
            int download = out.indexOf("rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))");
            int firstBanner = out.indexOf(FROM_FLASH);
            int firstVerified = out.indexOf("boot: image ");
            int secondBanner = out.indexOf(FROM_FLASH, firstReady);
            assertTrue(download >= 0 && download < firstBanner, "download mode first: " + out);
            assertTrue(firstBanner < firstVerified && firstVerified < firstReady, "the ROM, secure boot, the app: " + out);
            assertTrue(secondBanner > firstReady && out.indexOf("boot: image ", secondBanner) > secondBanner,
                    "after EN the banner again, then the boot again: " + out);
            assertTrue(out.contains(LineRenderer.BOOT + "ets Jul 29 2019 12:21:46" + LineRenderer.RESET + "\n"),
                    "the ROM's lines as boot lines: " + out);
            assertTrue(out.contains(LineRenderer.BOOT + FROM_FLASH + LineRenderer.RESET + "\n"), out);
            assertFalse(out.contains("\\x"), "no byte the 115200 line garbled: " + out);
        }
    }

    @Test
    void filterRomShowsOnlyTheRomsLines() throws Exception {
        try (VirtualBoard board = startInDownloadMode();
                MonitorRun run = MonitorRun.start("--port", board.consoleUrl(), "--board", "esp-wrover-kit", "--filter", "rom",
                        "--until", "boot: ready", "--timeout", "30s")) {
            run.awaitErr("monitor: watching " + board.consoleUrl());
            MonitorTestBoard.boot(board);

            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
            List<String> lines = run.out().lines().filter(line -> !line.contains(READY)).toList(); // --until's line is shown
            assertTrue(lines.contains("ets Jul 29 2019 12:21:46") && lines.contains(FROM_FLASH), lines.toString());
            assertTrue(lines.stream().allMatch(line -> LineClass.ROM_TAG.equals(LineClass.of(line).tag())),
                    "nothing but the ROM's lines: " + lines);
        }
    }
}
