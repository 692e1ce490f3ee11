package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AsciiTest {

    private static String fixed(long value, int decimals) {
        byte[] b = new byte[32];
        return new String(b, 0, Ascii.putFixed(b, 0, b.length, value, decimals), StandardCharsets.US_ASCII);
    }

    @Test
    void fixedPointKeepsLeadingZerosOfTheFraction() {
        assertEquals("23.15", fixed(2315, 2));
        assertEquals("0.05", fixed(5, 2));
        assertEquals("-1.05", fixed(-105, 2));
        assertEquals("101325", fixed(101325, 0));
        assertEquals("12.345", fixed(12345, 3));
    }

    @Test
    void longsInDecimalIncludingTheExtremes() {
        byte[] b = new byte[32];
        assertEquals("-9223372036854775808",
                new String(b, 0, Ascii.putLong(b, 0, 32, Long.MIN_VALUE), StandardCharsets.US_ASCII));
        assertEquals("0", new String(b, 0, Ascii.putLong(b, 0, 32, 0), StandardCharsets.US_ASCII));
        assertEquals(3, Ascii.putLong(b, 0, 3, 123456), "truncated at the limit");
    }

    @Test
    void parsesIntsAndRefusesTheRest() {
        assertEquals(42, Ascii.parseInt("42"));
        assertEquals(-7, Ascii.parseInt("-7"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseInt(""));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseInt("4x"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseInt("-"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseInt("99999999999"));
        assertEquals(4294967295L, Ascii.parseUnsigned32("4294967295"));
        assertEquals(0, Ascii.parseUnsigned32("0"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseUnsigned32("4294967296"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseUnsigned32("-1"));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseUnsigned32(""));
        assertEquals(Ascii.NOT_A_NUMBER, Ascii.parseUnsigned32("12345678901"));
    }
}
