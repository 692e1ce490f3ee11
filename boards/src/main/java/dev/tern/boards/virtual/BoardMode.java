package dev.tern.boards.virtual;

/** What the virtual board is doing: the states of its boot flow (see {@link VirtualBoard}). */
public enum BoardMode {
    /** No power: nothing runs, what the host sends is lost. */
    OFF,
    /** Right after a reset: a 0x7F on the console now enters the ROM bootloader. */
    SYNC_WINDOW,
    /** The ROM bootloader serves AN3155 on the console. */
    BOOTLOADER,
    /** The second-stage boot checks the application slot. */
    CHECKING,
    /** The verified firmware runs (boot, then step over and over). */
    RUNNING,
    /**
     * An ESP32 that refused its image (or whose firmware faulted): it answers nothing until a
     * reset, as the real chip, which never falls into download mode by itself.
     */
    HALTED
}
