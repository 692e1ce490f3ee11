package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlashGeometryTest {

    private static final int K = 1024;
    /** STM32F746NG: 4 x 32 KB, 1 x 128 KB, 3 x 256 KB = 1 MB from 0x08000000. */
    private final FlashGeometry f746 = new FlashGeometry(0x0800_0000L,
            new int[] {32 * K, 32 * K, 32 * K, 32 * K, 128 * K, 256 * K, 256 * K, 256 * K});

    @Test
    void addsUpMixedSectorSizes() {
        assertEquals(1024 * K, f746.size());
        assertEquals(8, f746.pageCount());
        assertEquals(0x0802_0000L, f746.pageAddress(4));
        assertEquals(0x0804_0000L, f746.pageAddress(5));
    }

    @Test
    void findsThePageHoldingAnAddress() {
        assertEquals(0, f746.pageAt(0x0800_0000L));
        assertEquals(0, f746.pageAt(0x0800_7FFFL));
        assertEquals(1, f746.pageAt(0x0800_8000L));
        assertEquals(4, f746.pageAt(0x0803_FFFFL));
        assertEquals(7, f746.pageAt(0x080F_FFFFL));
        assertEquals(-1, f746.pageAt(0x0810_0000L));
        assertEquals(-1, f746.pageAt(0x07FF_FFFFL));
    }

    @Test
    void containsOnlyRangesInsideTheFlash() {
        assertTrue(f746.contains(0x0800_0000L, 1024 * K));
        assertFalse(f746.contains(0x0800_0000L, 1024 * K + 1));
        assertFalse(f746.contains(0x07FF_FFFFL, 2));
    }

    @Test
    void uniformPagesAndBadSizes() {
        FlashGeometry uniform = FlashGeometry.uniform(0, 4, 2048);
        assertEquals(8192, uniform.size());
        assertEquals(6144, uniform.pageAddress(3));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(0, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(0, new int[] {0}));
    }
}
