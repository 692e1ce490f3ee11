package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.An3155Session;
import dev.tern.host.flash.esp.EspRomSession;
import dev.tern.host.serial.FakeSerialLink;

/** The board's bootloader.protocol picks the session; a protocol not spoken yet is refused with FlashSupport's reason. */
class BootloaderSessionsTest {

    private final BoardLoader boards = new BoardLoader();

    @Test
    void anAn3155BoardGetsAnAn3155Session() {
        assertInstanceOf(An3155Session.class,
                BootloaderSessions.open(boards.load("virtual"), FakeSerialLink.pair("fake")[0], Duration.ZERO));
    }

    @Test
    void anEsp32GetsAnEspRomSessionAndIsSyncedAtTheRomsSpeed() {
        var board = boards.load("esp-wrover-kit");
        assertInstanceOf(EspRomSession.class, BootloaderSessions.open(board, FakeSerialLink.pair("fake")[0], Duration.ZERO, 921600, null,
                line -> { }));
        assertEquals(Optional.empty(), FlashSupport.whyNot(board));
        assertNull(BootloaderSessions.syncBaud(board, 921600), "--baud is reached by CHANGE_BAUDRATE once synced");
        assertEquals(921600, BootloaderSessions.syncBaud(boards.load("virtual"), 921600), "AN3155 autobauds at any speed");
    }

    @Test
    void afterFlashingAnEsp32AtAHigherBaudTheConsoleIsWatchedAtTheBoardsSpeed() {
        assertEquals(115200, BootloaderSessions.consoleLine(boards.load("esp-wrover-kit"), 921600).baud(),
                "its ROM banner and app speak at 115200 whatever the flash ran at");
        assertEquals(57600, BootloaderSessions.consoleLine(boards.load("virtual"), 57600).baud(), "an STM32's --baud is its console's");
        assertEquals(115200, BootloaderSessions.consoleLine(boards.load("virtual"), null).baud());
    }

    @Test
    void anNxpBoardIsRefusedWithTheReasonTernBoardsGives() {
        var board = boards.load("imxrt1170-evk");
        TernException e = assertThrows(TernException.class,
                () -> BootloaderSessions.open(board, FakeSerialLink.pair("fake")[0], Duration.ZERO));
        assertEquals("imxrt1170-evk cannot be flashed by tern flash yet: its ROM speaks NXP's serial downloader (SDP), which"
                + " tern flash does not speak yet ('tern boards' shows which boards it flashes); nothing was flashed", e.getMessage());
    }
}
