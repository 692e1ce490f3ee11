package dev.tern.boards.bootloader;

/** Which erase command a bootloader has; GET lists only that one, the other is answered with NACK. */
public enum EraseCommand {

    /** 0x43: one-byte page count and page numbers; 0xFF = global erase (older parts, e.g. STM32F1). */
    ERASE(An3155.ERASE),
    /** 0x44: two-byte page count and page numbers; 0xFFFF/0xFFFE/0xFFFD = mass/bank 1/bank 2 (F2, F4, F7, ...). */
    EXTENDED_ERASE(An3155.EXTENDED_ERASE);

    private final int code;

    EraseCommand(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
