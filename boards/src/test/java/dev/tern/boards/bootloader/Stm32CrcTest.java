package dev.tern.boards.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Stm32CrcTest {

    @Test
    void matchesTheStm32CrcUnitForOneWord() {
        // the word 0x12345678 as memory holds it (little-endian): the value ST's examples give
        final byte[] word = {0x78, 0x56, 0x34, 0x12};
        assertEquals(0xDF8A8A2B, Stm32Crc.update(Stm32Crc.DEFAULT_INITIAL_VALUE, Stm32Crc.DEFAULT_POLYNOMIAL, word, 0, 4));
    }

    @Test
    void isCrc32Mpeg2OverEachWordReversed() {
        // CRC-32/MPEG-2's check value is 0x0376E6E7 for "123456789"; "12345678" reversed per word
        // is "43218765", so the STM32 CRC of "43218765" equals CRC-32/MPEG-2 of "12345678"
        final byte[] text = "43218765".getBytes(StandardCharsets.US_ASCII);
        assertEquals(mpeg2("12345678".getBytes(StandardCharsets.US_ASCII)),
                Stm32Crc.update(0xFFFFFFFF, 0x04C11DB7, text, 0, 8));
        assertEquals(0x0376E6E7, mpeg2("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesALengthThatIsNotWholeWords() {
        assertThrows(IllegalArgumentException.class, () -> Stm32Crc.update(0, 0x04C11DB7, new byte[3], 0, 3));
    }

    /** An independent bytewise CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no final XOR). */
    private static int mpeg2(final byte[] bytes) {
        int crc = 0xFFFFFFFF;
        for (final byte b : bytes) {
            crc ^= (b & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
