package dev.tern.boards.bootloader.esp;

/**
 * The ESP32 loader's packet layout (Espressif's "Serial Protocol"), shared by the host's flasher
 * and the virtual ESP32. Every field is little-endian; each packet is one {@link Slip} frame.
 *
 * <pre>
 *  command  (host to chip): | 0x00 | op | u16 size | u32 checksum | data[size]          |
 *  response (chip to host): | 0x01 | op | u16 size | u32 value    | data[size - status] | status |
 *  status: ROM 4 bytes (status, error, 0, 0); stub 2 bytes (status, error)
 *  _DATA commands' data:    | u32 length | u32 seq | u32 0 | u32 0 | bytes[length] |   checksum: 0xEF ^ bytes
 * </pre>
 */
public final class EspPacket {

    public static final int DIRECTION_OFFSET = 0;
    public static final int OP_OFFSET = 1;
    public static final int SIZE_OFFSET = 2;
    /** A command's checksum; a response's value (READ_REG's result, SYNC's 0x20120707 from the ROM). */
    public static final int CHECKSUM_OFFSET = 4;
    public static final int VALUE_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;
    /** The header before the bytes of MEM_DATA, FLASH_DATA and FLASH_DEFL_DATA. */
    public static final int DATA_HEADER_LENGTH = 16;

    /** The longest packet either side sends: a stub's 16 KB _DATA block with its headers. */
    public static final int MAX_LENGTH = HEADER_LENGTH + DATA_HEADER_LENGTH + 0x4000;

    public static final int REQUEST = 0x00;
    public static final int RESPONSE = 0x01;

    /** The checksum's seed: XOR of a _DATA block's bytes (not its header) starting from 0xEF. */
    public static final int CHECKSUM_SEED = 0xEF;

    private EspPacket() {
    }

    /** XOR of {@code length} bytes from {@code offset}, seeded with {@link #CHECKSUM_SEED}. */
    public static int checksum(final byte[] data, final int offset, final int length) {
        int sum = CHECKSUM_SEED;
        for (int i = 0; i < length; i++) {
            sum ^= data[offset + i] & 0xFF;
        }
        return sum;
    }

    /** The u32 at {@code offset}, little-endian. */
    public static long u32(final byte[] packet, final int offset) {
        return (packet[offset] & 0xFFL) | (packet[offset + 1] & 0xFFL) << 8 | (packet[offset + 2] & 0xFFL) << 16
                | (packet[offset + 3] & 0xFFL) << 24;
    }

    public static int u16(final byte[] packet, final int offset) {
        return (packet[offset] & 0xFF) | (packet[offset + 1] & 0xFF) << 8;
    }

    public static void putU32(final byte[] packet, final int offset, final long value) {
        packet[offset] = (byte) value;
        packet[offset + 1] = (byte) (value >>> 8);
        packet[offset + 2] = (byte) (value >>> 16);
        packet[offset + 3] = (byte) (value >>> 24);
    }
}
