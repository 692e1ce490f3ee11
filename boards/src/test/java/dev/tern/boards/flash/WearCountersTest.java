package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WearCountersTest {

    @TempDir
    Path folder;

    @Test
    void countsSurviveReopening() throws IOException {
        final Path file = WearCounters.fileFor(folder.resolve("flash.bin"));
        assertEquals(folder.resolve("flash.bin.wear"), file);
        try (WearCounters wear = WearCounters.open(file, 4)) {
            assertArrayEquals(new int[4], wear.counts(), "a new file starts at zero");
            wear.erased(1);
            wear.erased(1);
            assertEquals(1, wear.erased(3));
        }
        try (WearCounters wear = WearCounters.open(file, 4)) {
            assertArrayEquals(new int[] {0, 2, 0, 1}, wear.counts());
            assertEquals(3, wear.erased(1));
        }
    }

    @Test
    void refusesAFileForAnotherPageCount() throws IOException {
        final Path file = folder.resolve("flash.bin.wear");
        try (WearCounters wear = WearCounters.open(file, 4)) {
            wear.erased(0);
        }
        assertThrows(IllegalArgumentException.class, () -> WearCounters.open(file, 8));
    }
}
