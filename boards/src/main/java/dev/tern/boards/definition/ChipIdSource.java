package dev.tern.boards.definition;

/** What a board's ROM loader reports that identifies the chip, if anything. */
public enum ChipIdSource implements Keyed {
    /** AN3155 GET_ID (0x02): the product id, e.g. 0x449 for STM32F74xxx/75xxx. */
    AN3155_GET_ID("an3155-get-id"),
    /**
     * The ESP32 ROM loader has no id command (GET_SECURITY_INFO came with the ESP32-S2); esptool
     * tells chips apart by reading the word at 0x40001000 with READ_REG, 0x00f01d83 on an ESP32.
     */
    ESP_CHIP_DETECT_MAGIC("esp-chip-detect-magic"),
    /** The ROM loader reports nothing that identifies the chip (NXP SDP over UART). */
    NONE("none");

    private final String key;

    ChipIdSource(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
