package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.Region;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * {@code tern demo --board esp-wrover-kit}: the same story on the virtual ESP32, flashed by the
 * real {@code tern flash} over the ESP ROM serial protocol (GPIO0 held low, the ROM raised to
 * 921600 baud), booted from SPI flash through its ROM banner and secure boot, then a power cut
 * in a QoS 2 handshake that it comes back from through the banner again. A short story (the
 * power cut only, mosquitto given with --broker: about 30 s); {@code ./tern demo --board
 * esp-wrover-kit} plays the whole one.
 */
@Timeout(120)
class DemoEsp32Test {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    private static final BoardDefinition ESP32 = new BoardLoader().load("esp-wrover-kit");
    private static final String BANNER_FROM_FLASH = "board │ rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n";

    @TempDir
    Path folder;

    @Tag("mosquitto")
    @Test
    void theEsp32IsFlashedOverItsRomProtocolBootsThroughItsBannerAndKeepsEveryPromiseThroughAPowerCut() throws IOException {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);

        Tern tern = DemoCommandTest.demo(FlashStep.TERN_FLASH, "--board", "esp-wrover-kit", "--broker", mosquitto.serverUri(),
                "--faults", "powercut", "--duration", "8s", "--interval", "300", "--work-dir", folder);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        String summary = out.substring(Math.max(0, out.indexOf("demo: summary after ")));
        int powerBack = out.indexOf("demo: <<< power back");
        assertAll(
            () -> assertTrue(out.contains("demo: virtual board (esp-wrover-kit) console at socket://127.0.0.1:")
                    && out.contains("(GPIO0 held low at reset: its ROM waits in download mode; paced to 115200 baud;"), out),
            () -> assertTrue(Pattern.compile("\\$ tern flash \\S+ --port socket://127\\.0\\.0\\.1:\\d+ --board esp-wrover-kit "
                    + "--enter boot-pin-reset --no-go --key \\S+ --baud 921600 ").matcher(out).find(), out),
            () -> assertTrue(Pattern.compile("bootloader ESP32 ROM on socket://127\\.0\\.0\\.1:\\d+: chip 0xF01D83, 921600 baud,")
                    .matcher(out).find(), "synced at 115200, raised by CHANGE_BAUDRATE: " + out),
            () -> assertTrue(out.contains("demo: GPIO0 released, EN pressed: the ROM boots from flash"), out),
            () -> assertTrue(out.contains("board │ ets Jul 29 2019 12:21:46\n"), "the ROM's banner on the console: " + out),
            () -> assertTrue(out.indexOf(BANNER_FROM_FLASH) >= 0 && out.indexOf(BANNER_FROM_FLASH) < out.indexOf("board │ boot: image "),
                    "the ROM boots from flash before secure boot speaks: " + out),
            () -> assertTrue(powerBack > 0 && out.indexOf(BANNER_FROM_FLASH, powerBack) > powerBack,
                    "the banner again when the power comes back: " + out),
            () -> assertTrue(Pattern.compile("board │ I [0-9.]+ session: restored: \\d+ messages in flight").matcher(out).find(),
                    "the session restored from the ESP32's flash after the power cut: " + out),
            () -> assertTrue(Pattern.compile("board │ T [0-9.]+ mqtt: send: pubrel \\(id=\\d+\\)   <- PUBREL re-sent after reconnecting")
                    .matcher(out).find(), out),
            () -> assertTrue(summary.startsWith("demo: summary after ") && summary.contains(" (board esp-wrover-kit, MQTT 5, broker "),
                    summary),
            () -> assertTrue(Pattern.compile("\n  pressure +2 +([1-9]\\d*) +\\1 +0 +0 +\\d+\n").matcher(summary).find(),
                    "QoS 2: received = sent, nothing lost, no duplicate: " + summary),
            () -> assertTrue(out.contains("demo: PASSED: each QoS kept its promise"), out),
            () -> assertFalse((out + tern.err).contains("Exception"), "no stack trace: " + tern));
        assertArrayEquals(Files.readAllBytes(folder.resolve("app.bin")), appSlotStart(folder.resolve("virtual-board.flash"),
                (int) Files.size(folder.resolve("app.bin"))), "the signed image at the start of the ESP32's app slot (0x2A0000)");
    }

    /** The first {@code length} bytes of the app slot in the virtual ESP32's flash file (SPI flash offsets from 0). */
    private static byte[] appSlotStart(Path flashFile, int length) throws IOException {
        Region slot = ESP32.appSlot();
        int from = (int) (slot.address() - ESP32.flash().base());
        return Arrays.copyOfRange(Files.readAllBytes(flashFile), from, from + length);
    }

    @Test
    void aBoardTheDemoCannotBeOrDoesNotKnowIsAUsageErrorNamingTheOneMeant() {
        Tern typo = Tern.run("demo", "--board", "esp-wroverkit");
        assertEquals(ExitCodes.USAGE, typo.exitCode, typo.toString());
        assertTrue(typo.err.contains("no board 'esp-wroverkit' (did you mean esp-wrover-kit?); known boards: "), typo.err);

        Tern chip = Tern.run("demo", "--board", "esp32");
        assertEquals(ExitCodes.USAGE, chip.exitCode, chip.toString());
        assertTrue(chip.err.contains("no board 'esp32' (did you mean esp-wrover-kit?)"), "the board whose chip it is: " + chip.err);

        Tern family = Tern.run("demo", "--board", "stm32");
        assertEquals(ExitCodes.USAGE, family.exitCode, family.toString());
        assertTrue(family.err.contains("no board 'stm32'; known boards: "), "several STM32 boards: no guess: " + family.err);

        Tern nxp = Tern.run("demo", "--board", "imxrt1170-evk");
        assertEquals(ExitCodes.USAGE, nxp.exitCode, nxp.toString());
        Matcher refusal = Pattern.compile("--board imxrt1170-evk: the demo cannot simulate this board \\(.*\\); the boards it can: (.*)\n")
                .matcher(nxp.err);
        assertTrue(refusal.find(), nxp.err);
        assertTrue(refusal.group(1).contains("virtual") && refusal.group(1).contains("esp-wrover-kit")
                && !refusal.group(1).contains("imxrt1170-evk"), refusal.group(1));
        assertFalse(nxp.out.contains("demo: starting"), "refused before anything starts: " + nxp.out);
    }
}
