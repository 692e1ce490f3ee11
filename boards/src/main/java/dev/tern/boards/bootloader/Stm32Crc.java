package dev.tern.boards.bootloader;

/**
 * The CRC the STM32 CRC unit computes, as GET_CHECKSUM reports it: 32-bit words (read
 * little-endian from memory, as the core reads them) are fed most significant bit first into a
 * CRC with the given polynomial and initial value, no reflection and no final XOR. With the
 * default polynomial 0x04C11DB7 and initial value 0xFFFFFFFF this is CRC-32/MPEG-2 over the
 * memory bytes taken four at a time, each group reversed (the word 0x12345678, stored as
 * 78 56 34 12, gives 0xDF8A8A2B).
 */
public final class Stm32Crc {

    /** The STM32 CRC unit's reset polynomial (CRC-32, Ethernet). */
    public static final int DEFAULT_POLYNOMIAL = 0x04C11DB7;
    /** The STM32 CRC unit's reset initial value. */
    public static final int DEFAULT_INITIAL_VALUE = 0xFFFFFFFF;

    private Stm32Crc() {
    }

    /**
     * Continues {@code crc} over {@code length} bytes (a multiple of 4) of {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code length} is not a multiple of 4
     */
    public static int update(final int crc, final int polynomial, final byte[] bytes, final int offset, final int length) {
        if ((length & 3) != 0) {
            throw new IllegalArgumentException("length must be a multiple of 4: length=" + length);
        }
        int value = crc;
        for (int i = offset; i < offset + length; i += 4) {
            final int word = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16 | (bytes[i + 3] & 0xFF) << 24;
            value ^= word;
            for (int bit = 0; bit < 32; bit++) {
                value = value < 0 ? value << 1 ^ polynomial : value << 1;
            }
        }
        return value;
    }
}
