package dev.tern.boards.virtual.esp32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SlipDecoderTest {

    @Test
    void encodeEscapesC0AndDbAndDecodeRestoresThem() {
        final byte[] packet = {0x01, (byte) 0xC0, 0x02, (byte) 0xDB, 0x03};
        final byte[] wire = new byte[SlipDecoder.encodedCapacity(packet.length)];
        final int length = SlipDecoder.encode(packet, 0, packet.length, wire);
        // C0 | 01 | DB DC | 02 | DB DD | 03 | C0
        assertArrayEquals(new byte[] {(byte) 0xC0, 0x01, (byte) 0xDB, (byte) 0xDC, 0x02, (byte) 0xDB, (byte) 0xDD, 0x03, (byte) 0xC0},
                Arrays.copyOf(wire, length));
        final SlipDecoder decoder = new SlipDecoder(64);
        boolean ended = false;
        for (int i = 0; i < length; i++) {
            ended = decoder.accept(wire[i] & 0xFF);
        }
        assertTrue(ended);
        assertArrayEquals(packet, Arrays.copyOf(decoder.frame(), decoder.length()));
    }

    @Test
    void bytesBeforeTheFirstC0AndEmptyFramesAreIgnored() {
        final SlipDecoder decoder = new SlipDecoder(64);
        // boot-log noise, then C0 C0 (an empty frame), then a frame of one byte
        final int[] line = {'r', 's', 't', 0xC0, 0xC0, 0x42, 0xC0};
        int frames = 0;
        for (final int b : line) {
            if (decoder.accept(b)) {
                frames++;
                assertEquals(1, decoder.length());
                assertEquals(0x42, decoder.frame()[0]);
            }
        }
        assertEquals(1, frames);
    }

    @Test
    void aFrameLongerThanTheBufferIsDroppedWhole() {
        final SlipDecoder decoder = new SlipDecoder(4);
        decoder.accept(0xC0);
        for (int i = 0; i < 5; i++) {
            assertFalse(decoder.accept(i + 1));
        }
        assertFalse(decoder.accept(0xC0), "the over-long frame is not delivered");
        assertFalse(decoder.accept(0x07));
        assertTrue(decoder.accept(0xC0), "the next frame is");
        assertEquals(1, decoder.length());
    }
}
