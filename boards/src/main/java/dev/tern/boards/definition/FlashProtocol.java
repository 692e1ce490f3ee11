package dev.tern.boards.definition;

/** The protocol the board's ROM bootloader speaks on its serial line. */
public enum FlashProtocol implements Keyed {
    /** ST AN3155, the STM32 system-memory bootloader over a USART. */
    AN3155("an3155"),
    /** The ESP32 ROM serial loader, as esptool speaks it (SLIP frames, SYNC, FLASH_BEGIN/DATA/END). */
    ESP_ROM_SERIAL("esp-rom-serial"),
    /** NXP i.MX RT ROM serial downloader (SDP): loads RAM only (WRITE_FILE, JUMP_ADDRESS). */
    NXP_SDP("nxp-sdp");

    private final String key;

    FlashProtocol(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
