package dev.tern.host.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.EntryMethod;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.LineControlUnsupportedException;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;

/**
 * What {@code tern flash} does to get the board into its ROM bootloader before it syncs, for each
 * {@link EntryMethod} (the board definitions' vocabulary, also {@code --enter}'s).
 * <ul>
 * <li>{@code console-command}: the running Tern firmware gets the line {@code bootloader} and
 * jumps to the ROM; what it prints is discarded. A board already in its bootloader ignores the
 * line (before a sync) or NACKs it (after one), so the sync works either way.</li>
 * <li>{@code dtr-rts-auto-reset}: the modem lines as stm32flash's {@code -i -rts,-dtr,dtr} entry
 * sequence drives them, wired RTS to BOOT0 and DTR to NRST: RTS low, DTR low, DTR high (100 ms
 * apart); after GO, RTS high again so the next reset runs the application.</li>
 * <li>{@code dtr-rts-auto-reset} on an ESP32 (its ROM speaks {@code esp-rom-serial}): esptool's
 * classic reset (its {@code --before default-reset}), wired RTS to EN and DTR to GPIO0, both active
 * low: DTR off, RTS on (EN low: in reset), 100 ms, DTR on (GPIO0 low), RTS off (out of reset, so
 * the ROM latches download mode), 50 ms, DTR off. After flashing, esptool's {@code --after
 * hard-reset}: RTS on for 100 ms, then off, and the application starts.</li>
 * <li>{@code boot-pin-reset}, {@code boot-mode-switch}, {@code sync-after-reset}: nothing; the
 * user put the board in its bootloader (BOOT0 high and reset), or it listens after a reset.</li>
 * </ul>
 */
enum BootloaderEntry {
    CONSOLE, BOOT0, ESP_RESET, NONE;

    private static final Duration PIN_STEP = Duration.ofMillis(100);
    /** esptool's DEFAULT_RESET_DELAY: out of reset with GPIO0 held low this long before it is let go. */
    private static final Duration ESP_RESET_DELAY = Duration.ofMillis(50);
    /** How long the console may stay quiet before the firmware is taken to have jumped (or not be there). */
    private static final Duration CONSOLE_QUIET = Duration.ofMillis(300);
    /** After the firmware said it is entering the bootloader: time for the jump. */
    private static final Duration AFTER_ANNOUNCE = Duration.ofMillis(100);
    private static final Duration CONSOLE_LIMIT = Duration.ofSeconds(2);
    private static final String ANNOUNCE = "entering the bootloader";

    /** {@code --enter}'s word as an entry method. */
    static EntryMethod parse(String text) {
        try {
            return EntryMethod.ofKey(text);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, "--enter must be one of " + EntryMethod.keys() + ", not '" + text + "'");
        }
    }

    /** {@code console-command} where the board's firmware takes the command, else the board's first way by hand. */
    static EntryMethod defaultFor(BoardDefinition board) {
        List<EntryMethod> methods = board.bootloader().entry();
        if (methods.contains(EntryMethod.CONSOLE_COMMAND)) {
            return EntryMethod.CONSOLE_COMMAND;
        }
        for (EntryMethod method : methods) {
            if (of(method) == NONE) {
                return method;
            }
        }
        return EntryMethod.BOOT_PIN_RESET;
    }

    /** What tern does for {@code method} on an AN3155 board. */
    static BootloaderEntry of(EntryMethod method) {
        return of(method, FlashProtocol.AN3155);
    }

    /** What tern does for {@code method} on a board whose ROM speaks {@code protocol}: the modem lines are wired per family. */
    static BootloaderEntry of(EntryMethod method, FlashProtocol protocol) {
        return switch (method) {
            case CONSOLE_COMMAND -> CONSOLE;
            case DTR_RTS_AUTO_RESET -> protocol == FlashProtocol.ESP_ROM_SERIAL ? ESP_RESET : BOOT0;
            case BOOT_PIN_RESET, BOOT_MODE_SWITCH, SYNC_AFTER_RESET -> NONE;
        };
    }

    /** Does the entry; the link is left set to the bootloader's line. */
    void enter(SerialLink link, LineSettings console, LineSettings bootloader) throws IOException {
        switch (this) {
            case CONSOLE -> {
                link.configure(console);
                link.discardInput();
                link.write("\nbootloader\n".getBytes(StandardCharsets.US_ASCII));
                drainConsole(link);
                link.configure(bootloader);
            }
            case BOOT0 -> {
                link.configure(bootloader);
                try {
                    link.setRts(false);
                    pause(PIN_STEP);
                    link.setDtr(false);
                    pause(PIN_STEP);
                    link.setDtr(true);
                    pause(PIN_STEP);
                } catch (LineControlUnsupportedException e) {
                    throw new TernException(ExitCodes.UNREACHABLE, e.getMessage()
                            + "; --enter dtr-rts-auto-reset needs RTS wired to BOOT0 and DTR to NRST: try --enter"
                            + " console-command (a running Tern firmware), or set BOOT0 high, reset, and use"
                            + " --enter boot-pin-reset", e);
                }
            }
            case ESP_RESET -> {
                link.configure(bootloader);
                try {
                    link.setDtr(false);
                    link.setRts(true);
                    pause(PIN_STEP);
                    link.setDtr(true);
                    link.setRts(false);
                    pause(ESP_RESET_DELAY);
                    link.setDtr(false);
                } catch (LineControlUnsupportedException e) {
                    throw new TernException(ExitCodes.UNREACHABLE, e.getMessage()
                            + "; --enter dtr-rts-auto-reset needs the board's DTR and RTS wired to GPIO0 and EN (a pseudo-terminal"
                            + " or socket has neither): hold Boot (GPIO0), press and release EN, release Boot, and use"
                            + " --enter boot-pin-reset", e);
                }
                link.discardInput(); // the ROM's boot banner
            }
            case NONE -> link.configure(bootloader);
        }
    }

    /** After GO: BOOT0 released (boot0 entry), or the ESP32 reset by RTS (esp entry), so the application runs. */
    void leave(SerialLink link) throws IOException {
        if (this == BOOT0) {
            link.setRts(true);
        } else if (this == ESP_RESET) {
            link.setRts(true);
            pause(PIN_STEP);
            link.setRts(false);
        }
    }

    /** Reads what the firmware prints until it announced the jump and went quiet, or stayed quiet. */
    private static void drainConsole(SerialLink link) throws IOException {
        byte[] chunk = new byte[512];
        StringBuilder seen = new StringBuilder();
        long limit = System.nanoTime() + CONSOLE_LIMIT.toNanos();
        Duration quiet = CONSOLE_QUIET;
        while (System.nanoTime() - limit < 0) {
            int count = link.read(chunk, 0, chunk.length, quiet);
            if (count == 0) {
                return;
            }
            seen.append(new String(chunk, 0, count, StandardCharsets.ISO_8859_1));
            if (seen.indexOf(ANNOUNCE) >= 0) {
                quiet = AFTER_ANNOUNCE;
            }
            if (seen.length() > 4096) {
                seen.delete(0, seen.length() - 64);
            }
        }
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
