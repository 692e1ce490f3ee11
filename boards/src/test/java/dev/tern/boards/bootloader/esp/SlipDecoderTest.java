package dev.tern.boards.bootloader.esp;

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
        final byte[] wire = new byte[Slip.encodedCapacity(packet.length)];
        final int length = Slip.encode(packet, 0, packet.length, wire);
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
        assertEquals(1, decoder.droppedFrames());
        assertFalse(decoder.accept(0xC0));
        assertFalse(decoder.accept(0x07));
        assertTrue(decoder.accept(0xC0), "the next frame is");
        assertEquals(1, decoder.length());
    }

    @Test
    void aBadEscapeSpoilsItsFrameAndBytesBetweenFramesAreCountedAsStray() {
        final SlipDecoder decoder = new SlipDecoder(64);
        // C0 01 DB 42 C0: DB must be followed by DC or DD; then "ok" outside any frame; then C0 05 C0
        final int[] line = {0xC0, 0x01, 0xDB, 0x42, 0xC0, 'o', 'k', 0xC0, 0x05, 0xC0};
        int frames = 0;
        for (final int b : line) {
            if (decoder.accept(b)) {
                frames++;
                assertEquals(1, decoder.length());
                assertEquals(0x05, decoder.frame()[0]);
            }
        }
        assertEquals(1, frames, "only the good frame is delivered");
        assertEquals(1, decoder.droppedFrames());
        assertEquals(2, decoder.strayBytes());
    }

    @Test
    void frameReturnsTheEscapedPacketInAnArrayOfItsOwnLength() {
        // C0 | C0 -> DB DC | 7F | C0
        assertArrayEquals(new byte[] {(byte) 0xC0, (byte) 0xDB, (byte) 0xDC, 0x7F, (byte) 0xC0},
                Slip.frame(new byte[] {(byte) 0xC0, 0x7F}, 2));
    }
}
