package dev.tern.host.flash.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A chunk is about 2.5 s of wire at the line's speed, in 32 KB steps, 32 KB to 256 KB. */
class EspFlashWriterChunkTest {

    @Test
    void theChunkGrowsWithTheLineSpeedWithinItsBounds() {
        assertEquals(32 * 1024, EspFlashWriter.chunkBytes(9600), "slow lines keep the smallest chunk");
        assertEquals(32 * 1024, EspFlashWriter.chunkBytes(115200), "28.8 KB of wire in 2.5 s: one 32 KB step");
        assertEquals(96 * 1024, EspFlashWriter.chunkBytes(460800), "115.2 KB: three steps");
        assertEquals(224 * 1024, EspFlashWriter.chunkBytes(921600), "230.4 KB: seven steps");
        assertEquals(256 * 1024, EspFlashWriter.chunkBytes(3_000_000), "at most 256 KB");
    }
}
