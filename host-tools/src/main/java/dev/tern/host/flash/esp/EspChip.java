package dev.tern.host.flash.esp;

import dev.tern.boards.bootloader.esp.EspPacket;

import java.io.IOException;
import java.util.Locale;

/**
 * Which Espressif chip answered, as esptool tells them apart: the word at {@code 0x40001000}
 * (the ESP32, ESP32-S2 and ESP8266 have a magic value there); later chips answer
 * GET_SECURITY_INFO with a chip id, which the ESP32 ROM refuses.
 */
final class EspChip {

    /** The register esptool reads first. */
    static final long MAGIC_REGISTER = 0x40001000L;
    static final int ESP32_MAGIC = 0x00F01D83;
    private static final int ESP32_S2_MAGIC = 0x000007C6;
    private static final int ESP8266_MAGIC = 0xFFF0C101;
    /** Where GET_SECURITY_INFO's result holds the chip id: after flags u32, flash_crypt_cnt u8, 7 key purposes. */
    private static final int SECURITY_INFO_CHIP_ID_OFFSET = 12;

    private EspChip() {
    }

    /** The chip's name from its magic word, or null when the word is none esptool knows. */
    static String byMagic(int magic) {
        return switch (magic) {
            case ESP32_MAGIC -> "ESP32";
            case ESP32_S2_MAGIC -> "ESP32-S2";
            case ESP8266_MAGIC -> "ESP8266";
            default -> null;
        };
    }

    /** The chip's name from the image chip id GET_SECURITY_INFO gives (esptool's IMAGE_CHIP_ID). */
    static String byChipId(int id) {
        return switch (id) {
            case 0 -> "ESP32";
            case 2 -> "ESP32-S2";
            case 5 -> "ESP32-C3";
            case 9 -> "ESP32-S3";
            case 12 -> "ESP32-C2";
            case 13 -> "ESP32-C6";
            case 16 -> "ESP32-H2";
            case 18 -> "ESP32-P4";
            case 20 -> "ESP32-C61";
            case 23 -> "ESP32-C5";
            default -> String.format(Locale.ROOT, "Espressif chip (image chip id %d)", id);
        };
    }

    /**
     * Reads the magic word; returns it when it is the ESP32's, else fails saying which chip this
     * is (asking GET_SECURITY_INFO when the magic word names none).
     */
    static int requireEsp32(EspRomClient client) throws IOException {
        int magic = client.readRegister(MAGIC_REGISTER);
        if (magic == ESP32_MAGIC) {
            return magic;
        }
        String name = byMagic(magic);
        String how = String.format(Locale.ROOT, "its word at 0x%08X is 0x%08X", MAGIC_REGISTER, magic);
        if (name == null) {
            try {
                byte[] info = client.securityInfo();
                if (info.length >= SECURITY_INFO_CHIP_ID_OFFSET + 4) {
                    int id = (int) EspPacket.u32(info, SECURITY_INFO_CHIP_ID_OFFSET);
                    name = byChipId(id);
                    how += ", GET_SECURITY_INFO chip id " + id;
                }
            } catch (EspRomException e) {
                // not an ESP32-S3 or later either: the magic word is all there is to say
            }
        }
        throw new EspRomException("the chip on " + client.port() + " is " + (name == null ? "not one esptool knows" : "an " + name)
                + " (" + how + "; an ESP32 has 0x" + String.format(Locale.ROOT, "%08X", ESP32_MAGIC)
                + "), not an ESP32: tern flash speaks the ESP32's ROM loader; is this the board's port, and the right --board?");
    }
}
