package dev.tern.boards.definition;

import java.util.List;

/**
 * The board's ROM bootloader as the flasher meets it.
 *
 * @param line       the serial line it listens on and its settings
 * @param entry      the ways to start it
 * @param entrySteps how to do that on this board, in words
 * @param erase      the erase command it offers
 */
public record Bootloader(FlashProtocol protocol, SerialLine line, List<EntryMethod> entry, String entrySteps,
                         EraseCommand erase) {

    public Bootloader {
        entry = List.copyOf(entry);
    }
}
