package dev.tern.host.flash;

import java.util.Optional;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.definition.FlashWriter;
import dev.tern.boards.definition.Region;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * Whether {@code tern flash} can flash a board today, and if not why: it speaks the protocols
 * {@link BootloaderSessions} knows, and writes only flash the ROM bootloader itself programs.
 * {@code tern boards} shows the answer, and {@code tern flash} refuses such a board before it
 * opens the port.
 */
public final class FlashSupport {

    private FlashSupport() {
    }

    /** Empty when {@code tern flash} can flash {@code board}; else the reason, to follow "cannot be flashed yet: ". */
    public static Optional<String> whyNot(BoardDefinition board) {
        Optional<String> protocol = BootloaderSessions.whyNot(board.bootloader().protocol());
        if (protocol.isPresent()) {
            return protocol;
        }
        for (Region region : new Region[] {board.appSlot(), board.configPage()}) {
            Optional<FlashDevice> device = board.deviceOf(region);
            if (device.isPresent() && device.get().writer() == FlashWriter.RAM_LOADER) {
                return Optional.of(String.format(java.util.Locale.ROOT, "its app slot and config page are in %s flash at 0x%08X,"
                        + " which the ROM bootloader cannot program: that needs a flash loader in RAM, not written yet",
                        device.get().kind(), device.get().base()));
            }
        }
        return Optional.empty();
    }

    /** {@code tern flash}'s refusal of {@code board}, for the reason {@link #whyNot} gave; nothing was flashed. */
    static TernException refusal(BoardDefinition board, String why) {
        return new TernException(ExitCodes.USAGE, board.id() + " cannot be flashed by tern flash yet: " + why
                + " ('tern boards' shows which boards it flashes); nothing was flashed");
    }

    /** Refuses a board {@code tern flash} cannot flash, before the port is opened. */
    static void refuseUnsupported(BoardDefinition board) {
        Optional<String> why = whyNot(board);
        if (why.isPresent()) {
            throw refusal(board, why.get());
        }
    }
}
