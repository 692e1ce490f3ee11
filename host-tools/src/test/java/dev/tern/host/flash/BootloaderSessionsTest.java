package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.An3155Session;
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
    void anEsp32IsRefusedWithTheReasonTernBoardsGives() {
        var board = boards.load("esp-wrover-kit");
        TernException e = assertThrows(TernException.class,
                () -> BootloaderSessions.open(board, FakeSerialLink.pair("fake")[0], Duration.ZERO));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("esp-wrover-kit cannot be flashed by tern flash yet: " + FlashSupport.whyNot(board).orElseThrow()
                + " ('tern boards' shows which boards it flashes); nothing was flashed", e.getMessage());
        assertEquals("its ROM speaks the ESP32 serial protocol (esptool's), which tern flash does not speak yet",
                FlashSupport.whyNot(board).orElseThrow());
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
