package dev.tern.boards.definition;

/** Who programs a flash device when the host flashes the board. */
public enum FlashWriter implements Keyed {
    /** The ROM bootloader programs it directly (STM32 internal flash, the ESP32's SPI flash). */
    ROM_BOOTLOADER("rom-bootloader"),
    /**
     * The ROM bootloader can only load RAM: the flasher loads a flash-programming stub into RAM,
     * starts it, and the stub programs the device (STM32F750 QSPI, i.MX RT FlexSPI NOR).
     */
    RAM_LOADER("ram-loader");

    private final String key;

    FlashWriter(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
