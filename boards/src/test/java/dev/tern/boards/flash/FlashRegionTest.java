package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.Region;
import dev.tern.hal.NonVolatileStorage;

class FlashRegionTest {

    private static final long BASE = 0x0800_0000L;
    /** 16, 16, 64, 32, 32 bytes: the region below is the two 32-byte pages at the end. */
    private static final FlashGeometry MIXED = new FlashGeometry(BASE, new int[] {16, 16, 64, 32, 32});
    private static final Region LAST_TWO = new Region("session", BASE + 96, 64);

    @TempDir
    Path folder;

    private FlashMemory open() throws IOException {
        return FlashMemory.open(folder.resolve("flash.bin"), MIXED);
    }

    @Test
    void offsetsAndPagesAreTheRegions() throws IOException {
        try (FlashMemory flash = open()) {
            final FlashRegion region = new FlashRegion(flash, LAST_TWO);
            assertEquals(64, region.size());
            assertEquals(32, region.pageSize());
            assertEquals(2, region.pageCount());
            assertEquals(4, region.devicePage(1));
            assertEquals(NonVolatileStorage.OK, region.program(33, new byte[] {0x12}, 0, 1));
            assertEquals(0x12, flash.read(BASE + 96 + 33));
            assertEquals(NonVolatileStorage.OK, region.program(0, new byte[] {0x34}, 0, 1));
            assertEquals(NonVolatileStorage.OK, region.erase(1));
            assertEquals(0x34, flash.read(BASE + 96), "region page 0 (device page 3) is not erased");
            final byte[] back = new byte[1];
            assertEquals(NonVolatileStorage.OK, region.read(33, back, 0, 1));
            assertArrayEquals(new byte[] {(byte) 0xFF}, back);
        }
    }

    @Test
    void outsideTheRegionIsOutOfRange() throws IOException {
        try (FlashMemory flash = open()) {
            final FlashRegion region = new FlashRegion(flash, LAST_TWO);
            assertEquals(NonVolatileStorage.OUT_OF_RANGE, region.program(63, new byte[2], 0, 2));
            assertEquals(NonVolatileStorage.OUT_OF_RANGE, region.read(-1, new byte[1], 0, 1));
            assertEquals(NonVolatileStorage.OUT_OF_RANGE, region.read(0, new byte[1], 1, 1));
            assertEquals(NonVolatileStorage.OUT_OF_RANGE, region.erase(2));
            assertEquals(NonVolatileStorage.OUT_OF_RANGE, region.erase(-1));
        }
    }

    @Test
    void aRegionMustCoverWholeUnitsOfOneSize() throws IOException {
        try (FlashMemory flash = open()) {
            assertThrows(IllegalArgumentException.class, () -> new FlashRegion(flash, new Region("a", BASE + 8, 16)));
            assertThrows(IllegalArgumentException.class, () -> new FlashRegion(flash, new Region("b", BASE + 96, 40)));
            assertThrows(IllegalArgumentException.class, () -> new FlashRegion(flash, new Region("c", BASE + 16, 80)));
            assertThrows(IllegalArgumentException.class, () -> new FlashRegion(flash, new Region("d", BASE + 96, 96)));
        }
    }

    @Test
    void aFailureInTheGateIsAHardwareError() throws IOException {
        try (FlashMemory flash = open()) {
            final FlashRegion region = new FlashRegion(flash, LAST_TWO, (device, operation) -> {
                throw new IOException("worn");
            });
            assertEquals(NonVolatileStorage.HARDWARE_ERROR, region.erase(0));
            flash.cutPower();
            assertEquals(NonVolatileStorage.HARDWARE_ERROR, new FlashRegion(flash, LAST_TWO).erase(0));
        }
    }
}
