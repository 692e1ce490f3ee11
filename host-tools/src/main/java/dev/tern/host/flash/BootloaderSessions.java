package dev.tern.host.flash;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.An3155Client;
import dev.tern.host.flash.an3155.An3155Session;
import dev.tern.host.flash.esp.EspRomClient;
import dev.tern.host.flash.esp.EspRomSession;
import dev.tern.host.flash.esp.EspStub;
import dev.tern.host.flash.protocol.BootloaderSession;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;

/**
 * The one place that knows which bootloader protocols {@code tern flash} speaks: the session for
 * a board's {@code bootloader.protocol}, or why there is none yet. Adding a protocol is a package
 * beside {@code an3155} and a case here.
 */
final class BootloaderSessions {

    private BootloaderSessions() {
    }

    /** Empty when {@code tern flash} speaks {@code protocol}; else why not, to follow "cannot be flashed yet: ". */
    static Optional<String> whyNot(FlashProtocol protocol) {
        return switch (protocol) {
            case AN3155, ESP_ROM_SERIAL -> Optional.empty();
            case NXP_SDP -> Optional.of("its ROM speaks NXP's serial downloader (SDP), which tern flash does not speak yet");
        };
    }

    static BootloaderSession open(BoardDefinition board, SerialLink link, Duration retryWait) {
        return open(board, link, retryWait, null, null, line -> { });
    }

    /**
     * A session with {@code board}'s bootloader over {@code link}; {@code retryWait}: how long to
     * stay quiet before a command whose answer was lost or garbled is sent again; {@code baud}:
     * {@code --baud} (null when not given); {@code espStub}: the ESP32's flasher stub (null: its ROM alone);
     * {@code notices}: what a session says mid-flash (a slower baud, the stub started).
     *
     * @throws TernException usage error, with the reason, for a protocol tern flash does not speak
     */
    static BootloaderSession open(BoardDefinition board, SerialLink link, Duration retryWait, Integer baud, EspStub espStub,
            Consumer<String> notices) {
        FlashProtocol protocol = board.bootloader().protocol();
        return switch (protocol) {
            case AN3155 -> new An3155Session(new An3155Client(link, An3155Client.WRITE_ATTEMPTS, An3155Client.LINE_ATTEMPTS, retryWait));
            case ESP_ROM_SERIAL -> new EspRomSession(new EspRomClient(link), board.flash().geometry(),
                    EspRomSession.Settings.of(LineSettings.of(board.bootloader().line()), baud).withStub(espStub), notices);
            case NXP_SDP -> throw FlashSupport.refusal(board, whyNot(protocol).orElseThrow());
        };
    }

    /**
     * The speed the bootloader is synced at: {@code --baud} where the ROM takes any speed (AN3155
     * autobauds on 0x7F), the board's where the ROM is told a new speed once synced (the ESP32's
     * CHANGE_BAUDRATE: the session raises the line to {@code --baud} itself).
     */
    static Integer syncBaud(BoardDefinition board, Integer baud) {
        return board.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL ? null : baud;
    }

    /**
     * The console's line after flashing (the boot watch after GO, {@code --monitor}): at {@code --baud}
     * where the ROM was synced at it (AN3155), at the board's console speed on an ESP32, whose ROM
     * was raised to {@code --baud} for flashing only and whose banner and app speak at the console's.
     */
    static LineSettings consoleLine(BoardDefinition board, Integer baud) {
        return FlashCommand.lineOf(board.console(), syncBaud(board, baud));
    }
}
