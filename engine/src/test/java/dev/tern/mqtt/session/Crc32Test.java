package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Crc32Test {

    private final Crc32 crc = new Crc32();

    @Test
    void matchesTheStandardCheckValue() {
        byte[] check = "123456789".getBytes();
        assertEquals(0xCBF43926, crc.compute(check, 0, check.length));
    }

    @Test
    void givesZeroForNoBytes() {
        assertEquals(0, crc.compute(new byte[0], 0, 0));
    }

    @Test
    void continuesOverSplitInput() {
        byte[] bytes = "The quick brown fox jumps over the lazy dog".getBytes();
        int whole = crc.compute(bytes, 0, bytes.length);
        assertEquals(0x414FA339, whole);
        assertEquals(whole, crc.update(crc.compute(bytes, 0, 10), bytes, 10, bytes.length - 10));
    }
}
