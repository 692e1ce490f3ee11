package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WornCellsTest {

    @Test
    void nothingFailsUpToTheEndurance() {
        final WornCells cells = new WornCells(100, true, 1);
        for (int erases = 0; erases <= 100; erases++) {
            assertFalse(cells.fails(erases), "erases=" + erases);
        }
    }

    @Test
    void everyOperationFailsAtTwiceTheEndurance() {
        final WornCells cells = new WornCells(100, true, 1);
        for (int i = 0; i < 50; i++) {
            assertTrue(cells.fails(200));
        }
    }

    @Test
    void failuresGrowPastTheEnduranceAndRepeatForASeed() {
        final WornCells a = new WornCells(1000, false, 42);
        final WornCells b = new WornCells(1000, false, 42);
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            final boolean failed = a.fails(1100); // a 10% chance
            assertEquals(failed, b.fails(1100), "same seed, same decisions");
            failures += failed ? 1 : 0;
        }
        assertTrue(failures > 50 && failures < 150, "about 100 of 1000 fail at 10% past the endurance: " + failures);
    }

    @Test
    void aFailedEraseLeavesZeroBitsAndAFailedProgramLeavesOneBits() {
        final WornCells cells = new WornCells(10, false, 7);
        final byte[] erased = new byte[64];
        Arrays.fill(erased, (byte) 0xFF);
        final byte[] image = erased.clone();
        cells.leaveProgrammedBits(image, 0, image.length);
        assertNotEquals(Arrays.toString(erased), Arrays.toString(image), "some bit stayed 0");

        final byte[] before = erased.clone();
        final byte[] programmed = new byte[64]; // all zero wanted
        cells.leaveErasedBits(programmed, 0, programmed.length, before);
        assertNotEquals(Arrays.toString(new byte[64]), Arrays.toString(programmed), "some bit stayed 1");
    }
}
