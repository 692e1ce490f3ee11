package dev.tern.boards.virtual.esp32;

/**
 * What the ESP32's ROM prints on UART0 at 115200 when it comes out of reset (EN or power-on:
 * both are POWERON_RESET, 0x1). The strapping pins decide the boot mode it names: GPIO0 low is
 * download mode, 0x3, and the ROM then waits for the flasher; GPIO0 high boots from SPI flash,
 * 0x13. The first line is the ROM's build date, that of the v3 silicon the ESP32-D0WD-V3 carries.
 * esptool scans for {@code boot:0x..(...waiting for download)} after a reset to tell a board in
 * the wrong boot mode from a dead TX line.
 */
public final class EspRomBanner {

    static final String ROM_BUILD = "ets Jul 29 2019 12:21:46";

    private EspRomBanner() {
    }

    /** The banner, CR LF line ends, for download mode ({@code download}) or SPI flash boot. */
    public static String text(final boolean download) {
        final String boot = download
                ? "boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n"
                : "boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n";
        return ROM_BUILD + "\r\n\r\nrst:0x1 (POWERON_RESET)," + boot;
    }
}
