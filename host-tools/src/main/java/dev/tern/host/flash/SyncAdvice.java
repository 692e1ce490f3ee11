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
        if (heard.count() == 0) {
            return switch (entry) {
                case NONE -> "nothing came back at all: is the board in its bootloader (BOOT0 high, then reset) and is "
                        + heard.name() + " its port? (" + OTHER_PTY_END + ")";
                case CONSOLE -> "nothing came back at all, not even from a running firmware: is " + heard.name()
                        + " the board's port and the board powered? (" + OTHER_PTY_END + "); a board that runs no Tern "
                        + "firmware needs BOOT0 high and a reset, then --enter boot-pin-reset";
                case BOOT0 -> "nothing came back at all: are RTS and DTR wired to BOOT0 and NRST? If not, set BOOT0 high, "
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
                case BOOT0 -> "the RTS/DTR reset did not hold BOOT0 high: try --enter console-command, or set BOOT0 high by hand";
            };
        }
        return "it heard " + heard.count() + " bytes but no ACK or NACK: a wrong speed or format? (the STM32 ROM bootloader "
                + "speaks 8E1, the virtual board 8N1: --board picks the line, --baud the speed)";
    }
}
