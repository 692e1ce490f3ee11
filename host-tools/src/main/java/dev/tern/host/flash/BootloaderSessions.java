package dev.tern.host.flash;

import java.time.Duration;
import java.util.Optional;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.An3155Client;
import dev.tern.host.flash.an3155.An3155Session;
import dev.tern.host.flash.protocol.BootloaderSession;
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
            case AN3155 -> Optional.empty();
            case ESP_ROM_SERIAL -> Optional.of("its ROM speaks the ESP32 serial protocol (esptool's), which tern flash does not speak yet");
            case NXP_SDP -> Optional.of("its ROM speaks NXP's serial downloader (SDP), which tern flash does not speak yet");
        };
    }

    /**
     * A session with {@code board}'s bootloader over {@code link}; {@code retryWait}: how long to
     * stay quiet before a command whose answer was lost or garbled is sent again.
     *
     * @throws TernException usage error, with the reason, for a protocol tern flash does not speak
     */
    static BootloaderSession open(BoardDefinition board, SerialLink link, Duration retryWait) {
        FlashProtocol protocol = board.bootloader().protocol();
        return switch (protocol) {
            case AN3155 -> new An3155Session(new An3155Client(link, An3155Client.WRITE_ATTEMPTS, An3155Client.LINE_ATTEMPTS, retryWait));
            case ESP_ROM_SERIAL, NXP_SDP -> throw FlashSupport.refusal(board, whyNot(protocol).orElseThrow());
        };
    }
}
