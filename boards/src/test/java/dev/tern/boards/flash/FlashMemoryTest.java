package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashMemoryTest {

    private static final long BASE = 0x0800_0000L;
    /** Mixed page sizes, like an STM32F7's sectors but small: 16, 16, 64, 32 bytes. */
    private static final FlashGeometry MIXED = new FlashGeometry(BASE, new int[] {16, 16, 64, 32});

    @TempDir
    Path folder;

    private FlashMemory open() throws IOException {
        return FlashMemory.open(folder.resolve("flash.bin"), MIXED);
    }

    private static byte[] filled(final int length, final int value) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private byte[] fileBytes() throws IOException {
        return Files.readAllBytes(folder.resolve("flash.bin"));
    }

    @Test
    void aNewFileIsCreatedErased() throws IOException {
        try (FlashMemory flash = open()) {
            assertEquals(0xFF, flash.read(BASE));
            assertEquals(0xFF, flash.read(BASE + 127));
        }
        assertArrayEquals(filled(128, 0xFF), fileBytes());
    }

    @Test
    void programmingOnlyClearsBits() throws IOException {
        try (FlashMemory flash = open()) {
            flash.program(BASE, new byte[] {(byte) 0xF0, (byte) 0x5A}, 0, 2);
            flash.program(BASE, new byte[] {(byte) 0x0F, (byte) 0xFF}, 0, 2);
            assertEquals(0x00, flash.read(BASE), "0xF0 then 0x0F: 0xF0 & 0x0F");
            assertEquals(0x5A, flash.read(BASE + 1), "programming 0xFF changes nothing");
        }
        assertEquals(0x00, fileBytes()[0]);
        assertEquals(0x5A, fileBytes()[1]);
    }

    @Test
    void erasingAPageSetsOnlyThatPageToFf() throws IOException {
        try (FlashMemory flash = open()) {
            flash.program(BASE, filled(128, 0x00), 0, 128);
            flash.erasePage(2); // the 64-byte page at offset 32
            final byte[] all = new byte[128];
            flash.read(BASE, all, 0, 128);
            final byte[] expected = filled(128, 0x00);
            Arrays.fill(expected, 32, 96, (byte) 0xFF);
            assertArrayEquals(expected, all);
            assertArrayEquals(expected, fileBytes());
        }
    }

    @Test
    void eraseAllErasesEveryPage() throws IOException {
        try (FlashMemory flash = open()) {
            flash.program(BASE, filled(128, 0x12), 0, 128);
            flash.eraseAll();
        }
        assertArrayEquals(filled(128, 0xFF), fileBytes());
    }

    @Test
    void keepsItsContentAcrossReopening() throws IOException {
        try (FlashMemory flash = open()) {
            flash.program(BASE + 40, new byte[] {1, 2, 3, 4}, 0, 4);
        }
        try (FlashMemory again = open()) {
            final byte[] read = new byte[4];
            again.read(BASE + 40, read, 0, 4);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, read);
        }
    }

    @Test
    void refusesAFileOfAnotherSize() throws IOException {
        Files.write(folder.resolve("flash.bin"), new byte[100]);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::open);
        assertTrue(e.getMessage().contains("has 100 bytes but the geometry needs 128"), e.getMessage());
    }

    @Test
    void refusesAccessOutsideTheFlash() throws IOException {
        try (FlashMemory flash = open()) {
            assertThrows(IllegalArgumentException.class, () -> flash.read(BASE + 128));
            assertThrows(IllegalArgumentException.class, () -> flash.program(BASE + 126, new byte[4], 0, 4));
            assertThrows(IllegalArgumentException.class, () -> flash.erasePage(4));
        }
    }

    @Test
    void aPowerCutDuringProgrammingLeavesAPartlyProgrammedPageInTheFile() throws IOException {
        final byte[] data = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};
        try (FlashMemory flash = open()) {
            flash.cutPowerAfter(3);
            final PowerLostException cut = assertThrows(PowerLostException.class, () -> flash.program(BASE + 16, data, 0, 8));
            assertTrue(cut.getMessage().contains("after 3 of 8 bytes at 0x8000013"), cut.getMessage());
            assertFalse(flash.isPowered());
            assertThrows(PowerLostException.class, () -> flash.read(BASE));
            assertThrows(PowerLostException.class, () -> flash.erasePage(0));
        }
        final byte[] expected = filled(128, 0xFF);
        expected[16] = 0x11; // programmed
        expected[17] = 0x22; // programmed
        expected[18] = 0x33; // programmed
        expected[19] = 0x4F; // the byte at the cut: upper bits of 0x44 programmed, lower bits still 1
        try (FlashMemory fresh = open()) {
            final byte[] all = new byte[128];
            fresh.read(BASE, all, 0, 128);
            assertArrayEquals(expected, all);
        }
    }

    @Test
    void aPowerCutDuringEraseLeavesAPartlyErasedPage() throws IOException {
        try (FlashMemory flash = open()) {
            flash.program(BASE, filled(128, 0x00), 0, 128);
            flash.cutPowerAfter(5);
            assertThrows(PowerLostException.class, () -> flash.erasePage(1)); // bytes 16..31
            flash.restorePower();
            assertTrue(flash.isPowered());
            assertEquals(0x00, flash.read(BASE + 15));
            assertEquals(0xFF, flash.read(BASE + 20));
            assertEquals(0xF0, flash.read(BASE + 21), "the byte at the cut: upper bits erased");
            assertEquals(0x00, flash.read(BASE + 22));
        }
    }

    @Test
    void theCutBudgetSpansOperations() throws IOException {
        try (FlashMemory flash = open()) {
            flash.cutPowerAfter(6);
            flash.program(BASE, filled(4, 0x00), 0, 4);
            assertThrows(PowerLostException.class, () -> flash.program(BASE + 4, filled(4, 0x00), 0, 4));
        }
        final byte[] bytes = fileBytes();
        assertEquals(0x00, bytes[5]);
        assertEquals(0x0F, bytes[6]);
        assertEquals((byte) 0xFF, bytes[7]);
    }

    @Test
    void cutPowerStopsEverythingAtOnce() throws IOException {
        try (FlashMemory flash = open()) {
            flash.cutPower();
            assertThrows(PowerLostException.class, () -> flash.program(BASE, filled(4, 0x00), 0, 4));
            flash.restorePower();
            assertEquals(0xFF, flash.read(BASE));
        }
    }
}
