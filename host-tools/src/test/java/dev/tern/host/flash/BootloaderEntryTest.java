package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.EntryMethod;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.LineSettings;

/** The ways into the bootloader, on the in-memory link. */
@Timeout(10)
class BootloaderEntryTest {

    private static final LineSettings CONSOLE = LineSettings.of8N1(115200);
    private static final LineSettings BOOTLOADER = LineSettings.of8N1(57600);

    @Test
    void boot0HoldsBoot0WithRtsPulsesResetWithDtrAndReleasesBoot0AfterGo() throws IOException {
        FakeSerialLink[] ends = FakeSerialLink.pair("/dev/ttyFAKE", true);
        BootloaderEntry.BOOT0.enter(ends[0], CONSOLE, BOOTLOADER);
        assertFalse(ends[0].rts(), "RTS low, as stm32flash's -i -rts,-dtr,dtr leaves it: BOOT0 held");
        assertTrue(ends[0].dtr(), "DTR low then high: the reset pulse is over");
        assertEquals(BOOTLOADER, ends[0].settings());
        BootloaderEntry.BOOT0.leave(ends[0]);
        assertTrue(ends[0].rts(), "BOOT0 released after GO");
    }

    @Test
    void onAnEsp32DtrRtsIsEsptoolsClassicResetThenAHardResetAfterGo() throws IOException {
        FakeSerialLink[] ends = FakeSerialLink.pair("/dev/ttyFAKE", true);
        BootloaderEntry entry = BootloaderEntry.of(EntryMethod.DTR_RTS_AUTO_RESET, FlashProtocol.ESP_ROM_SERIAL);
        assertEquals(BootloaderEntry.ESP_RESET, entry);
        entry.enter(ends[0], CONSOLE, BOOTLOADER);
        // IO0 high, EN low (reset); IO0 low, EN high (out of reset: download mode latched); IO0 released
        assertEquals(List.of("DTR=0", "RTS=1", "DTR=1", "RTS=0", "DTR=0"), ends[0].modemLog());
        assertEquals(BOOTLOADER, ends[0].settings());
        entry.leave(ends[0]);
        assertEquals(List.of("RTS=1", "RTS=0"), ends[0].modemLog().subList(5, 7), "esptool's hard reset: EN pulsed low");
    }

    @Test
    void consoleSendsTheBootloaderCommandOnTheConsoleLineThenSwitchesToTheBootloaderLine() throws IOException {
        FakeSerialLink[] ends = FakeSerialLink.pair("/dev/ttyFAKE");
        ends[1].write("I cmd: entering the bootloader\r\n".getBytes(StandardCharsets.US_ASCII));
        BootloaderEntry.CONSOLE.enter(ends[0], CONSOLE, BOOTLOADER);
        byte[] sent = new byte[64];
        int count = ends[1].read(sent, 0, sent.length, Duration.ofSeconds(1));
        assertEquals("\nbootloader\n", new String(sent, 0, count, StandardCharsets.US_ASCII));
        assertEquals(BOOTLOADER, ends[0].settings(), "the bootloader's line once the firmware jumped");
    }

    @Test
    void enterTakesTheBoardDefinitionsWords() {
        for (EntryMethod method : EntryMethod.values()) {
            assertEquals(method, BootloaderEntry.parse(method.key()));
        }
        assertEquals(BootloaderEntry.CONSOLE, BootloaderEntry.of(EntryMethod.CONSOLE_COMMAND));
        assertEquals(BootloaderEntry.BOOT0, BootloaderEntry.of(EntryMethod.DTR_RTS_AUTO_RESET));
        assertEquals(BootloaderEntry.NONE, BootloaderEntry.of(EntryMethod.BOOT_PIN_RESET));
    }

    @Test
    void anotherWordIsAUsageErrorListingTheWords() {
        TernException e = assertThrows(TernException.class, () -> BootloaderEntry.parse("boot0"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("--enter must be one of " + EntryMethod.keys() + ", not 'boot0'", e.getMessage());
    }

    @Test
    void theDefaultIsTheConsoleCommandWhereTheBoardTakesItElseAWayByHand() {
        BoardLoader boards = new BoardLoader();
        assertEquals(EntryMethod.CONSOLE_COMMAND, BootloaderEntry.defaultFor(boards.load("virtual")));
        assertEquals(EntryMethod.BOOT_PIN_RESET, BootloaderEntry.defaultFor(boards.load("esp-wrover-kit")));
    }
}
