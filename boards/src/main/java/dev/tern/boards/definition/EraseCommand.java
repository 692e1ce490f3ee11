package dev.tern.boards.definition;

/** How the ROM bootloader erases flash. */
public enum EraseCommand implements Keyed {
    /** AN3155 ERASE (0x43): one-byte page numbers; bootloader protocol versions before 3.0. */
    ERASE("0x43", 0x43),
    /** AN3155 EXTENDED_ERASE (0x44): two-byte page numbers; protocol 3.0 and later. */
    EXTENDED_ERASE("0x44", 0x44),
    /** ESP32 ROM: FLASH_BEGIN (0x02) erases the range about to be written; ERASE_REGION is stub only. */
    FLASH_BEGIN("flash-begin", 0x02),
    /** No erase: the ROM loader writes RAM only (NXP SDP); the RAM flash loader erases. */
    NONE("none", -1);

    private final String key;
    private final int code;

    EraseCommand(String key, int code) {
        this.key = key;
        this.code = code;
    }

    @Override
    public String key() {
        return key;
    }

    /** The command byte on the wire, or -1 for none. */
    public int code() {
        return code;
    }

    /** The protocol this erase belongs to: an AN3155 command for AN3155 boards and so on. */
    public boolean belongsTo(FlashProtocol protocol) {
        switch (protocol) {
            case AN3155:
                return this == ERASE || this == EXTENDED_ERASE;
            case ESP_ROM_SERIAL:
                return this == FLASH_BEGIN;
            default:
                return this == NONE;
        }
    }
}
