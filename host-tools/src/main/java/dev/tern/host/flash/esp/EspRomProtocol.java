package dev.tern.host.flash.esp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The ESP32 ROM loader's packets, as esptool speaks them (Espressif's "Serial Protocol"). Every
 * field little-endian; each packet travels SLIP-framed ({@link Slip}).
 *
 * <pre>
 * command  (host to chip): | 0x00 | op | size u16 | checksum u32 | data[size] |
 * response (chip to host): | 0x01 | op | size u16 | value u32    | data[size] |
 *                                                   READ_REG's result ^   ^ ends with status, error
 *                                                   (the ESP32 ROM adds 2 reserved bytes; the stub does not)
 * _DATA payload:           | length u32 | seq u32 | 0 u32 | 0 u32 | bytes[length] |  checksum: 0xEF ^ bytes
 * </pre>
 */
final class EspRomProtocol {

    static final int DIRECTION_OFFSET = 0;
    static final int OP_OFFSET = 1;
    static final int SIZE_OFFSET = 2;
    static final int VALUE_OFFSET = 4;
    static final int HEADER_SIZE = 8;
    static final int DATA_HEADER_SIZE = 16;

    static final int DIRECTION_REQUEST = 0x00;
    static final int DIRECTION_RESPONSE = 0x01;

    static final int FLASH_BEGIN = 0x02;
    static final int FLASH_DATA = 0x03;
    static final int FLASH_END = 0x04;
    static final int SYNC = 0x08;
    static final int WRITE_REG = 0x09;
    static final int READ_REG = 0x0A;
    static final int SPI_SET_PARAMS = 0x0B;
    static final int SPI_ATTACH = 0x0D;
    static final int READ_FLASH_SLOW = 0x0E;
    static final int CHANGE_BAUDRATE = 0x0F;
    static final int FLASH_DEFL_BEGIN = 0x10;
    static final int FLASH_DEFL_DATA = 0x11;
    static final int FLASH_DEFL_END = 0x12;
    static final int SPI_FLASH_MD5 = 0x13;
    static final int GET_SECURITY_INFO = 0x14;

    /** The ROM's flash write block (FLASH_DATA, FLASH_DEFL_DATA). The stub takes 16 KB. */
    static final int ROM_BLOCK = 0x400;
    /** READ_FLASH_SLOW's most bytes a command; the ROM answers a whole block of it whatever was asked. */
    static final int ROM_READ_BLOCK = 64;
    /** The checksum of a _DATA payload starts from this. */
    static final int CHECKSUM_SEED = 0xEF;
    /** Status bytes the ESP32 ROM appends to every response (status, error, 2 reserved). */
    static final int ROM_STATUS_BYTES = 4;
    /** The MD5 the ROM answers SPI_FLASH_MD5 with: 32 hex characters (the stub: 16 raw bytes). */
    static final int ROM_MD5_LENGTH = 32;
    /** The ROM's error for a command it does not know or a malformed one. */
    static final int ERROR_INVALID_MESSAGE = 0x05;

    /** SYNC's data: 07 07 12 20, then 32 x 55 (the ROM measures the baud rate on it). */
    static final byte[] SYNC_DATA = syncData();

    private EspRomProtocol() {
    }

    /** A command packet, unframed. */
    static byte[] request(int op, byte[] data, int checksum) {
        ByteBuffer packet = ByteBuffer.allocate(HEADER_SIZE + data.length).order(ByteOrder.LITTLE_ENDIAN);
        packet.put((byte) DIRECTION_REQUEST).put((byte) op).putShort((short) data.length).putInt(checksum).put(data);
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
        ByteBuffer buffer = ByteBuffer.allocate(DATA_HEADER_SIZE + length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(length).putInt(seq).putInt(0).putInt(0).put(bytes, offset, length);
        return buffer.array();
    }

    /** The checksum a _DATA command carries: 0xEF XOR every byte of the block (not of its header). */
    static int checksum(byte[] bytes, int offset, int length) {
        int sum = CHECKSUM_SEED;
        for (int i = offset; i < offset + length; i++) {
            sum ^= bytes[i] & 0xFF;
        }
        return sum;
    }

    static int u32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }

    static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    /** {@code FLASH_DEFL_DATA}, or {@code 0x7E} for an op this class does not name. */
    static String name(int op) {
        return switch (op) {
            case FLASH_BEGIN -> "FLASH_BEGIN";
            case FLASH_DATA -> "FLASH_DATA";
            case FLASH_END -> "FLASH_END";
            case SYNC -> "SYNC";
            case WRITE_REG -> "WRITE_REG";
            case READ_REG -> "READ_REG";
            case SPI_SET_PARAMS -> "SPI_SET_PARAMS";
            case SPI_ATTACH -> "SPI_ATTACH";
            case CHANGE_BAUDRATE -> "CHANGE_BAUDRATE";
            case READ_FLASH_SLOW -> "READ_FLASH_SLOW";
            case FLASH_DEFL_BEGIN -> "FLASH_DEFL_BEGIN";
            case FLASH_DEFL_DATA -> "FLASH_DEFL_DATA";
            case FLASH_DEFL_END -> "FLASH_DEFL_END";
            case SPI_FLASH_MD5 -> "SPI_FLASH_MD5";
            case GET_SECURITY_INFO -> "GET_SECURITY_INFO";
            default -> String.format(Locale.ROOT, "0x%02X", op);
        };
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
