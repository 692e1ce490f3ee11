package dev.tern.host.flash;

/**
 * What to check when the bootloader never answered a sync, from how the flash tried to enter it
 * and what came back instead: nothing at all, text (a running firmware, or {@code tern sim}
 * saying its console is taken), or bytes that are neither (the line's speed or format).
 */
final class SyncAdvice {

    private static final String SIM_PREFIX = "tern sim: ";
    private static final String OTHER_PTY_END = "with 'tern sim --pty', flash through the other end of the pair";

    private SyncAdvice() {
    }

    static String of(BootloaderEntry entry, HeardLink heard) {
        return of(entry, heard, false);
    }

    /** {@code esp}: the board is an ESP32, whose download mode is GPIO0 low at reset and whose ROM speaks SLIP. */
    static String of(BootloaderEntry entry, HeardLink heard, boolean esp) {
        if (esp) {
            return esp(entry, heard);
        }
        if (heard.count() == 0) {
            return switch (entry) {
                case NONE -> "nothing came back at all: is the board in its bootloader (BOOT0 high, then reset) and is "
                        + heard.name() + " its port? (" + OTHER_PTY_END + ")";
                case CONSOLE -> "nothing came back at all, not even from a running firmware: is " + heard.name()
                        + " the board's port and the board powered? (" + OTHER_PTY_END + "); a board that runs no Tern "
                        + "firmware needs BOOT0 high and a reset, then --enter boot-pin-reset";
                case BOOT0, ESP_RESET -> "nothing came back at all: are RTS and DTR wired to BOOT0 and NRST? If not, set BOOT0 high, "
                        + "reset, and use --enter boot-pin-reset";
            };
        }
        String line = heard.lastTextLine();
        if (line != null && line.startsWith(SIM_PREFIX)) {
            return "the sim said: '" + line + "'";
        }
        if (line != null) {
            return "it heard text instead, so a firmware runs: '" + line + "'; " + switch (entry) {
                case CONSOLE -> "it did not jump to its bootloader on 'bootloader' (not a Tern firmware?): set BOOT0 high, "
                        + "reset, and use --enter boot-pin-reset";
                case NONE -> "try --enter console-command (a Tern firmware jumps to its bootloader on it), or set BOOT0 high and reset";
                case BOOT0, ESP_RESET -> "the RTS/DTR reset did not hold BOOT0 high: try --enter console-command, or set BOOT0 high by hand";
            };
        }
        return "it heard " + heard.count() + " bytes but no ACK or NACK: a wrong speed or format? (the STM32 ROM bootloader "
                + "speaks 8E1, the virtual board 8N1: --board picks the line, --baud the speed)";
    }

    /** The ESP32's download mode: GPIO0 (Boot) held low while EN releases the reset; the ROM answers SYNC in SLIP frames. */
    private static String esp(BootloaderEntry entry, HeardLink heard) {
        String byHand = "hold Boot (GPIO0), press and release EN, release Boot, then flash with --enter boot-pin-reset";
        String line = heard.lastTextLine();
        if (line != null && line.startsWith(SIM_PREFIX)) {
            return "the sim said: '" + line + "'";
        }
        if (heard.count() == 0) {
            return "nothing came back at all: is the ESP32 in its download mode and is " + heard.name() + " its port? ("
                    + OTHER_PTY_END + "); to enter download mode " + byHand
                    + (entry == BootloaderEntry.ESP_RESET ? " (the DTR/RTS reset did not get it there)" : "");
        }
        if (line != null) {
            return "it heard text instead: '" + line + "'; the chip is not in its download mode (a boot log or a running firmware): "
                    + byHand + (entry == BootloaderEntry.ESP_RESET ? "" : ", or use --enter dtr-rts-auto-reset where DTR/RTS drive GPIO0/EN");
        }
        return "it heard " + heard.count() + " bytes but no SLIP answer: a wrong speed? (the ESP32 ROM loader speaks 115200 8N1 until"
                + " tern changes it)";
    }
}
