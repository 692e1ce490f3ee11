package dev.tern.host.demo;

import java.util.List;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.host.cli.BoardCatalog;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * The board the demo simulates ({@code --board}), and what of the story depends on it: the pin
 * that holds it in its ROM loader for flashing (an STM32's BOOT0 high, an ESP32's GPIO0 low),
 * how it is then let boot, the console's speed and how fast {@code tern flash} may talk to it.
 * The story itself (broker, proxy, faults, verdict) is the same on every board.
 */
record DemoBoard(BoardDefinition definition) {

    /**
     * The speed {@code tern flash --baud} raises an ESP32's ROM loader to once synced (its
     * CHANGE_BAUDRATE), as users flash with esptool; the line is back at the console's speed
     * at the next reset. An STM32's AN3155 loader keeps the speed it autobauded at.
     */
    static final int ESP_FLASH_BAUD = 921_600;

    /**
     * The board {@code id}, if the virtual board can be it.
     *
     * @throws TernException usage error for an unknown id (with the nearest one) or a board the virtual board cannot be
     */
    static DemoBoard of(String id) {
        BoardDefinition definition = BoardCatalog.load(id);
        try {
            VirtualBoard.checkSimulable(definition);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, "--board " + id + ": the demo cannot simulate this board (" + e.getMessage()
                    + "); the boards it can: " + String.join(", ", simulable()));
        }
        return new DemoBoard(definition);
    }

    /** The ids of the boards the demo can simulate. */
    static List<String> simulable() {
        return BoardCatalog.ids().stream().filter(id -> {
            try {
                VirtualBoard.checkSimulable(BoardCatalog.load(id));
                return true;
            } catch (IllegalArgumentException | TernException e) {
                return false;
            }
        }).toList();
    }

    String id() {
        return definition.id();
    }

    /** An ESP32: its ROM loader speaks the ESP serial protocol and GPIO0 picks download mode at reset. */
    boolean esp() {
        return definition.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL;
    }

    /** The speed of the board's console (the line is paced to it). */
    int consoleBaud() {
        return definition.console().baud();
    }

    /** How the board waits to be flashed, for the line that says it started. */
    String heldForFlashing() {
        return esp() ? "GPIO0 held low at reset: its ROM waits in download mode"
                : "BOOT0 high: it waits in its ROM bootloader";
    }

    /** What the demo does to let the board boot what was flashed, said as it is done. */
    String release() {
        return esp() ? "GPIO0 released, EN pressed: the ROM boots from flash, secure boot checks what was flashed"
                : "BOOT0 low, reset: the board boots what was flashed";
    }

    /** Options of {@code tern flash} this board is flashed with, beyond the port, board and image. */
    List<String> flashOptions() {
        return esp() ? List.of("--baud", Integer.toString(ESP_FLASH_BAUD)) : List.of();
    }
}
