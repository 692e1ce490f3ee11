package dev.tern.boards.virtual.esp32;

/**
 * The ESP32 ROM loader's packets and codes, as Espressif's "Serial Protocol" page and esptool
 * ({@code loader.py}, {@code util.py}) give them. Every field is little-endian; each packet is
 * one SLIP frame ({@link SlipDecoder}).
 *
 * <pre>
 *  command  (host to chip): | 0x00 | op | u16 size | u32 checksum | data[size]          |
 *  response (chip to host): | 0x01 | op | u16 size | u32 value    | data[size - status] | status |
 *  status: ROM 4 bytes (status, error, 0, 0); stub 2 bytes (status, error)
 *  _DATA commands' data:    | u32 length | u32 seq | u32 0 | u32 0 | bytes[length] |
 * </pre>
 */
public final class EspCommand {

    public static final int DIRECTION_OFFSET = 0;
    public static final int OP_OFFSET = 1;
    public static final int SIZE_OFFSET = 2;
    public static final int CHECKSUM_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;
    /** The header before the bytes of MEM_DATA, FLASH_DATA and FLASH_DEFL_DATA. */
    public static final int DATA_HEADER_LENGTH = 16;

    public static final int REQUEST = 0x00;
    public static final int RESPONSE = 0x01;

    public static final int FLASH_BEGIN = 0x02;
    public static final int FLASH_DATA = 0x03;
    public static final int FLASH_END = 0x04;
    public static final int MEM_BEGIN = 0x05;
    public static final int MEM_END = 0x06;
    public static final int MEM_DATA = 0x07;
    public static final int SYNC = 0x08;
    public static final int WRITE_REG = 0x09;
    public static final int READ_REG = 0x0A;
    public static final int SPI_SET_PARAMS = 0x0B;
    public static final int SPI_ATTACH = 0x0D;
    /** ROM only: 64 bytes per command (esptool's read-flash with --no-stub). */
    public static final int READ_FLASH_SLOW = 0x0E;
    public static final int CHANGE_BAUDRATE = 0x0F;
    public static final int FLASH_DEFL_BEGIN = 0x10;
    public static final int FLASH_DEFL_DATA = 0x11;
    public static final int FLASH_DEFL_END = 0x12;
    public static final int SPI_FLASH_MD5 = 0x13;
    /** Not in the ESP32's ROM (ESP32-S2 on): the ROM answers it as an invalid message. */
    public static final int GET_SECURITY_INFO = 0x14;
    /** Stub only. */
    public static final int ERASE_FLASH = 0xD0;
    public static final int ERASE_REGION = 0xD1;
    public static final int READ_FLASH = 0xD2;
    public static final int RUN_USER_CODE = 0xD3;

    /** The checksum's seed: XOR of the data bytes starting from 0xEF. */
    public static final int CHECKSUM_SEED = 0xEF;

    /** SYNC's data: 07 07 12 20 and 32 x 0x55 (the ROM autobauds on the 0x55s). */
    public static final int SYNC_LENGTH = 36;
    /** How many answers the ROM sends to one SYNC (esptool reads one, then seven more). */
    public static final int SYNC_ANSWERS = 8;
    /** The value field of the ROM's SYNC answers (the stub's are 0: esptool tells them apart by it). */
    public static final int ROM_SYNC_VALUE = 0x2012_0707;

    public static final int ROM_STATUS_LENGTH = 4;
    public static final int STUB_STATUS_LENGTH = 2;

    // ROM error codes (second status byte, first = 1)
    /** "The format of the received message is invalid": also the answer to a command the ROM lacks. */
    public static final int ROM_INVALID_MESSAGE = 0x05;
    /** "Message is ok, but the running result is wrong". */
    public static final int ROM_FAILED = 0x06;
    public static final int ROM_BAD_CHECKSUM = 0x07;
    public static final int ROM_FLASH_WRITE_ERROR = 0x08;
    public static final int ROM_FLASH_READ_ERROR = 0x09;
    public static final int ROM_DEFLATE_ERROR = 0x0B;

    // stub error codes (first status byte; esptool's util.py reads them as 0xC000...)
    public static final int STUB_BAD_DATA_LENGTH = 0xC0;
    public static final int STUB_BAD_CHECKSUM = 0xC1;
    public static final int STUB_BAD_BLOCKSIZE = 0xC2;
    public static final int STUB_INVALID_COMMAND = 0xC3;
    public static final int STUB_FAILED_SPI_OP = 0xC4;
    public static final int STUB_NOT_IN_FLASH_MODE = 0xC6;
    public static final int STUB_INFLATE_ERROR = 0xC7;
    public static final int STUB_NOT_ENOUGH_DATA = 0xC8;
    public static final int STUB_TOO_MUCH_DATA = 0xC9;
    /** The stub does not have that command. */
    public static final int STUB_NOT_IMPLEMENTED = 0xFF;

    /** The stub's greeting, the one frame nobody asked for: "OHAI". */
    public static final byte[] STUB_GREETING = {'O', 'H', 'A', 'I'};

    private EspCommand() {
    }

    /** The u32 at {@code offset}, little-endian. */
    public static long u32(final byte[] frame, final int offset) {
        return (frame[offset] & 0xFFL) | (frame[offset + 1] & 0xFFL) << 8 | (frame[offset + 2] & 0xFFL) << 16
                | (frame[offset + 3] & 0xFFL) << 24;
    }

    public static int u16(final byte[] frame, final int offset) {
        return (frame[offset] & 0xFF) | (frame[offset + 1] & 0xFF) << 8;
    }

    public static void putU32(final byte[] frame, final int offset, final long value) {
        frame[offset] = (byte) value;
        frame[offset + 1] = (byte) (value >>> 8);
        frame[offset + 2] = (byte) (value >>> 16);
        frame[offset + 3] = (byte) (value >>> 24);
    }

    /** XOR of {@code length} bytes from {@code offset}, seeded with {@link #CHECKSUM_SEED}. */
    public static int checksum(final byte[] data, final int offset, final int length) {
        int sum = CHECKSUM_SEED;
        for (int i = 0; i < length; i++) {
            sum ^= data[offset + i] & 0xFF;
        }
        return sum;
    }
}
