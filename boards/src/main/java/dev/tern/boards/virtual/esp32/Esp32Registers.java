package dev.tern.boards.virtual.esp32;

import java.util.HashMap;
import java.util.Map;

/**
 * The ESP32 registers esptool reads and writes with READ_REG and WRITE_REG (esptool's
 * {@code targets/esp32.py}): the chip-detect word, the eFuses that name the chip (an
 * ESP32-D0WD-V3, revision v3.0, as on the ESP-WROVER-E), the UART divider, the RTC calibration
 * behind the ROM's baud quirk, the strapping register, and SPI1, through which esptool runs
 * SPI flash commands (JEDEC id, status, SFDP). Any other address keeps what was written (0 before).
 */
final class Esp32Registers {

    static final long CHIP_DETECT_MAGIC_ADDRESS = 0x4000_1000L;
    static final long ESP32_MAGIC = 0x00F0_1D83L;

    static final long EFUSE_BASE = 0x3FF5_A000L;
    static final long UART_CLKDIV = 0x3FF4_0014L;
    static final long RTC_CALI_CFG1 = 0x3FF5_F06CL;
    static final long GPIO_STRAP = 0x3FF4_4038L;
    static final long APB_CTL_DATE = 0x3FF6_607CL;

    static final long SPI_BASE = 0x3FF4_2000L;
    static final long SPI_CMD = SPI_BASE;
    static final long SPI_ADDR = SPI_BASE + 0x04;
    static final long SPI_USR = SPI_BASE + 0x1C;
    static final long SPI_USR1 = SPI_BASE + 0x20;
    static final long SPI_USR2 = SPI_BASE + 0x24;
    static final long SPI_MISO_DLEN = SPI_BASE + 0x2C;
    static final long SPI_W0 = SPI_BASE + 0x80;
    static final long SPI_CMD_USR = 1L << 18;
    static final long SPI_USR_ADDR = 1L << 30;
    static final long SPI_USR_MISO = 1L << 28;

    /** The APB clock the ROM's UART divides (the ESP32 ROM runs from the 40 MHz crystal). */
    static final int APB_HZ = 40_000_000;
    /** Strapping values (boot:0x..): GPIO0 low = 0x03 download, high = 0x13 SPI flash boot. */
    static final int STRAP_DOWNLOAD = 0x03;
    static final int STRAP_SPI_BOOT = 0x13;

    /**
     * ROM clock calibration: cali_val x 15625 x eFuse CK8M / 40 is the frequency esptool believes
     * the ROM measured. 1024 and 100 give exactly 40 MHz: the sim's ROM is calibrated, so
     * CHANGE_BAUDRATE's "false" baud (esptool's ESP32 correction) equals the real one.
     */
    private static final long CALI_VALUE = 1024;
    private static final long CK8M_FREQ = 100;

    private final Map<Long, Long> written = new HashMap<>();
    private final SpiNorIdentity flash;
    private final int strapping;
    private int baud;

    Esp32Registers(final SpiNorIdentity flash, final int strapping, final int baud) {
        this.flash = flash;
        this.strapping = strapping;
        this.baud = baud;
    }

    /** The UART's rate now (the divider register follows it). */
    void baud(final int newBaud) {
        this.baud = newBaud;
    }

    long read(final long address) {
        if (CHIP_DETECT_MAGIC_ADDRESS == address) {
            return ESP32_MAGIC;
        }
        if (address >= EFUSE_BASE && address < EFUSE_BASE + 0x80) {
            return efuseWord((int) (address - EFUSE_BASE) / 4);
        }
        if (UART_CLKDIV == address) {
            return APB_HZ / Math.max(1, baud);
        }
        if (RTC_CALI_CFG1 == address) {
            return CALI_VALUE << 7;
        }
        if (GPIO_STRAP == address) {
            return strapping;
        }
        if (APB_CTL_DATE == address) {
            return 1L << 31 | 0x1605_1900L; // bit 31: chip revision bit 2 (v3)
        }
        if (SPI_CMD == address) {
            return 0; // a user command finishes at once
        }
        final Long value = written.get(address);
        return value == null ? 0 : value;
    }

    /** WRITE_REG: {@code (old & ~mask) | (value & mask)}; a write of SPI_CMD_USR runs the SPI command. */
    void write(final long address, final long value, final long mask) {
        final long merged = (read(address) & ~mask | value & mask) & 0xFFFF_FFFFL;
        if (SPI_CMD == address && (merged & SPI_CMD_USR) != 0) {
            runSpiCommand();
            return;
        }
        written.put(address, merged);
    }

    private void runSpiCommand() {
        final long usr = read(SPI_USR);
        final int command = (int) (read(SPI_USR2) & 0xFF);
        final int readBits = (usr & SPI_USR_MISO) != 0 ? (int) (read(SPI_MISO_DLEN) & 0x3FF) + 1 : 0;
        long address = 0;
        if ((usr & SPI_USR_ADDR) != 0) {
            final int addressBits = (int) (read(SPI_USR1) >>> 26 & 0x3F) + 1;
            address = read(SPI_ADDR) >>> (32 - addressBits); // esptool puts the address in the top bits
        }
        if (readBits > 0) {
            written.put(SPI_W0, flash.answer(command, address, readBits));
        }
    }

    /**
     * eFuse block 0 words as esptool decodes them: MAC 24:0a:c4:00:00:01 (Espressif's OUI),
     * package 1 (D0WD) with revision bits for v3.0, ROM clock calibration, no secure boot, no
     * flash encryption, coding scheme none.
     */
    private static long efuseWord(final int word) {
        switch (word) {
            case 1:
                return 0xC400_0001L;
            case 2:
                return 0x0000_240AL;
            case 3:
                return 1L << 15 | 1L << 9;
            case 4:
                return CK8M_FREQ;
            case 5:
                return 1L << 20;
            default:
                return 0;
        }
    }
}
