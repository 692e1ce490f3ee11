package dev.tern.mqtt.session;

/**
 * CRC-32 as zlib, PNG and Ethernet compute it (reflected polynomial 0xEDB88320, initial and final
 * value 0xFFFFFFFF; "123456789" gives 0xCBF43926), four bits at a time from a 16-entry table built
 * at construction: 64 bytes of RAM instead of a byte-wise table's 1,024, for two lookups per byte.
 */
public final class Crc32 {

    private static final int POLYNOMIAL = 0xEDB88320;

    private final int[] table = new int[16];

    public Crc32() {
        for (int index = 0; index < 16; index++) {
            int value = index;
            for (int bit = 0; bit < 4; bit++) {
                value = 0 != (value & 1) ? (value >>> 1) ^ POLYNOMIAL : value >>> 1;
            }
            table[index] = value;
        }
    }

    /** The CRC of {@code length} bytes. */
    public int compute(byte[] bytes, int offset, int length) {
        return update(0, bytes, offset, length);
    }

    /** Continues {@code crc} (a previous result, or 0 to start) over more bytes. */
    public int update(int crc, byte[] bytes, int offset, int length) {
        int value = ~crc;
        int end = offset + length;
        for (int index = offset; index < end; index++) {
            value ^= bytes[index] & 0xFF;
            value = table[value & 0x0F] ^ (value >>> 4);
            value = table[value & 0x0F] ^ (value >>> 4);
        }
        return ~value;
    }
}
