package dev.tern.mqtt.session;

/**
 * CRC-32 as zlib, PNG and Ethernet compute it (reflected polynomial 0xEDB88320, initial and final
 * value 0xFFFFFFFF; "123456789" gives 0xCBF43926), from a table built at construction.
 */
public final class Crc32 {

    private static final int POLYNOMIAL = 0xEDB88320;

    private final int[] table = new int[256];

    public Crc32() {
        for (int index = 0; index < 256; index++) {
            int value = index;
            for (int bit = 0; bit < 8; bit++) {
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
            value = table[(value ^ bytes[index]) & 0xFF] ^ (value >>> 8);
        }
        return ~value;
    }
}
