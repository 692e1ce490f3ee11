package dev.tern.host.flash.esp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

import dev.tern.boards.bootloader.esp.EspOpcode;
import dev.tern.boards.bootloader.esp.EspPacket;

/**
 * The ESP32 ROM loader's packets as esptool builds them, in the layout of {@link EspPacket} (shared
 * with the virtual ESP32), with the command codes of {@link EspOpcode}: commands, their arguments
 * (little-endian words), a _DATA command's payload, and what the ROM's limits and error codes are.
 */
final class EspRomProtocol {

    /** The ROM's flash write block (FLASH_DATA, FLASH_DEFL_DATA). The stub takes 16 KB. */
    static final int ROM_BLOCK = 0x400;
    /** READ_FLASH_SLOW's most bytes a command; the ROM answers a whole block of it whatever was asked. */
    static final int ROM_READ_BLOCK = 64;
    /** Status bytes the ESP32 ROM appends to every response (status, error, 2 reserved). */
    static final int ROM_STATUS_BYTES = 4;
    /** The MD5 the ROM answers SPI_FLASH_MD5 with: 32 hex characters (the stub: 16 raw bytes). */
    static final int ROM_MD5_LENGTH = 32;
    /** The ROM's error for a command it does not know or a malformed one (also a _DATA block cut short on the line). */
    static final int ERROR_INVALID_MESSAGE = 0x05;
    /** The ROM's error for a _DATA block whose bytes do not match its checksum. */
    static final int ERROR_CHECKSUM = 0x07;

    /** SYNC's data: 07 07 12 20, then 32 x 55 (the ROM measures the baud rate on it). */
    static final byte[] SYNC_DATA = syncData();

    private EspRomProtocol() {
    }

    /** A command packet, unframed. */
    static byte[] request(int op, byte[] data, int checksum) {
        ByteBuffer packet = ByteBuffer.allocate(EspPacket.HEADER_LENGTH + data.length).order(ByteOrder.LITTLE_ENDIAN);
        packet.put((byte) EspPacket.REQUEST).put((byte) op).putShort((short) data.length).putInt(checksum).put(data);
        return packet.array();
    }

    /** Little-endian words, as the commands' arguments are. */
    static byte[] words(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    /** A _DATA command's payload: the 16-byte header for block {@code seq}, then the bytes. */
    static byte[] dataPayload(int seq, byte[] bytes, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(EspPacket.DATA_HEADER_LENGTH + length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(length).putInt(seq).putInt(0).putInt(0).put(bytes, offset, length);
        return buffer.array();
    }

    /** What the ROM's error byte means (esptool's table). */
    static String errorName(int error) {
        return switch (error) {
            case 0x05 -> "invalid message (a command the ROM does not know, or malformed)";
            case 0x06 -> "the command failed";
            case 0x07 -> "checksum error";
            case 0x08 -> "flash write error";
            case 0x09 -> "flash read error";
            case 0x0A -> "flash read length error";
            case 0x0B -> "deflate error";
            case 0x0C -> "deflate Adler-32 error";
            case 0x0D -> "deflate parameter error";
            default -> String.format(Locale.ROOT, "error 0x%02X", error);
        };
    }

    private static byte[] syncData() {
        byte[] data = new byte[36];
        data[0] = 0x07;
        data[1] = 0x07;
        data[2] = 0x12;
        data[3] = 0x20;
        for (int i = 4; i < data.length; i++) {
            data[i] = 0x55;
        }
        return data;
    }
}
