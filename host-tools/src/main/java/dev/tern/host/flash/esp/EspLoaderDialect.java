package dev.tern.host.flash.esp;

import static dev.tern.host.flash.esp.EspRomProtocol.words;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one place where the ESP32 ROM loader and esptool's flasher stub differ in what the host
 * sends and reads (esptool's {@code IS_STUB} branches): the flash write block, FLASH_BEGIN's
 * arguments, how SPI_FLASH_MD5 answers, CHANGE_BAUDRATE's words, errors, erasing, reading.
 * {@link EspRomClient} speaks the dialect it was switched to.
 */
enum EspLoaderDialect {

    /** The chip's ROM: 1 KB blocks, erase up front at FLASH_BEGIN, MD5 in hex, a "false" baud. */
    ROM("ESP32 ROM", EspRomProtocol.ROM_BLOCK, EspRomProtocol.ROM_MD5_LENGTH),
    /** esptool's stub, once it said OHAI: 16 KB blocks, erases as it writes, MD5 raw, ERASE_REGION, READ_FLASH. */
    STUB("flasher stub", 0x4000, 16);

    private final String label;
    private final int block;
    private final int md5Length;

    EspLoaderDialect(String label, int block, int md5Length) {
        this.label = label;
        this.block = block;
        this.md5Length = md5Length;
    }

    /** For messages: who refused a command. */
    String label() {
        return label;
    }

    /** The most bytes one FLASH_DATA / FLASH_DEFL_DATA carries. */
    int block() {
        return block;
    }

    /** Whether FLASH_BEGIN erases the whole region before it answers (the stub erases as blocks come). */
    boolean erasesAtBegin() {
        return this == ROM;
    }

    /** Whether the loader has ERASE_REGION and ERASE_FLASH, and READ_FLASH (the ROM: READ_FLASH_SLOW only). */
    boolean hasStubCommands() {
        return this == STUB;
    }

    /**
     * FLASH_BEGIN's and FLASH_DEFL_BEGIN's words: size, blocks, block size, offset; the stub takes a
     * fifth, "encrypted" (0), that the ESP32 ROM refuses.
     */
    byte[] beginWords(long size, int blocks, long offset) {
        return this == ROM ? words((int) size, blocks, block, (int) offset) : words((int) size, blocks, block, (int) offset, 0);
    }

    /** SPI_FLASH_MD5's result bytes. */
    int md5Length() {
        return md5Length;
    }

    /** SPI_FLASH_MD5's result as 32 lower-case hex characters: the ROM sends them so, the stub sends 16 raw bytes. */
    String md5Hex(byte[] data) {
        if (this == ROM) {
            return new String(data, 0, md5Length, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        }
        return HexFormat.of().formatHex(data, 0, md5Length);
    }

    /**
     * CHANGE_BAUDRATE's words for {@code baud}: the ROM takes (new, 0), new corrected for its
     * mis-calibrated clock ({@link EspBaudRate#falseBaud}); the stub takes (new, old) and its clock is right.
     */
    byte[] changeBaudWords(int baud, int oldBaud, double romClock) {
        return this == ROM ? words(EspBaudRate.falseBaud(baud, romClock), 0) : words(baud, oldBaud);
    }

    /** What a refused command's status and error bytes mean: the ROM's error byte, or the stub's status code. */
    String errorText(EspResponse answer, int resultLength) {
        if (this == ROM) {
            int error = answer.complete(resultLength) ? answer.error(resultLength)
                    : answer.data().length > 1 ? answer.data()[1] & 0xFF : 0;
            return EspRomProtocol.errorName(error);
        }
        return stubError(answer.status(resultLength));
    }

    /** The ROM's error byte (0 from the stub, whose status byte is the code). */
    int errorCode(EspResponse answer, int resultLength) {
        if (this == ROM) {
            return answer.complete(resultLength) ? answer.error(resultLength) : answer.data().length > 1 ? answer.data()[1] & 0xFF : 0;
        }
        return answer.status(resultLength);
    }

    /** Whether a refused _DATA block's code says the block was damaged or cut short on the line (checksum, length). */
    boolean damagedOnTheLine(int code) {
        return this == ROM ? code == EspRomProtocol.ERROR_INVALID_MESSAGE || code == EspRomProtocol.ERROR_CHECKSUM
                : code == 0xC0 || code == 0xC1;
    }

    /** esptool's stub status codes (stub_flasher.h: ESP_BAD_DATA_LEN 0xC0 ...). */
    private static String stubError(int status) {
        return switch (status) {
            case 0xC0 -> "bad data length";
            case 0xC1 -> "bad data checksum";
            case 0xC2 -> "bad block size";
            case 0xC3 -> "invalid command";
            case 0xC4 -> "SPI operation failed";
            case 0xC5 -> "SPI unlock failed";
            case 0xC6 -> "not in flash mode";
            case 0xC7 -> "inflate error";
            case 0xC8 -> "not enough data";
            case 0xC9 -> "too much data";
            case 0xFF -> "command not implemented";
            default -> String.format(Locale.ROOT, "status 0x%02X", status);
        };
    }
}
